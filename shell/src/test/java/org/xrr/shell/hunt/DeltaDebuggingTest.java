package org.xrr.shell.hunt;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeltaDebuggingTest {
    private static final List<Integer> CHANGES = IntStream.range(0, 40).boxed().toList();

    private static List<Integer> minimize(DeltaDebugging.Test<Integer> test, int jobs) throws Exception {
        try (CellPool pool = new CellPool(jobs, "test", false)) {
            return new DeltaDebugging<>(test, pool).minimize(CHANGES);
        }
    }

    @Test
    void findsTheOneChangeThatMatters() throws Exception {
        assertEquals(List.of(17), minimize(c -> c.contains(17), 1));
    }

    @Test
    void findsChangesThatOnlyMatterTogether() throws Exception {
        assertEquals(List.of(3, 31), minimize(c -> c.contains(3) && c.contains(31), 2));
    }

    @Test
    void theResultIsOneMinimalWhenSeveralSetsWouldDo() throws Exception {
        DeltaDebugging.Test<Integer> anyOfTwo = c -> c.contains(5) || c.contains(25);
        List<Integer> found = minimize(anyOfTwo, 2);
        assertEquals(1, found.size());
        assertTrue(found.equals(List.of(5)) || found.equals(List.of(25)));
    }

    @Test
    void remembersWhatItTested() throws Exception {
        int[] calls = {0};
        try (CellPool pool = new CellPool(1, "test", false)) {
            DeltaDebugging<Integer> dd = new DeltaDebugging<>(c -> {
                synchronized (calls) {
                    calls[0]++;
                }
                return c.contains(8) && c.contains(9);
            }, pool);
            assertEquals(List.of(8, 9), dd.minimize(CHANGES));
            assertEquals(dd.tests(), calls[0], "no subset was tested twice");
        }
    }
}
