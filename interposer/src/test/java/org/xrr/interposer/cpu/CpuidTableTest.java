package org.xrr.interposer.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xrr.interposer.cpu.CpuidRegister.EAX;
import static org.xrr.interposer.cpu.CpuidRegister.ECX;
import static org.xrr.interposer.cpu.CpuidRegister.EDX;

class CpuidTableTest {
    @Test
    void looksUpWhatWasPut() {
        CpuidTable t = CpuidTable.builder().put(0x1, 0, 0x50654, 0x400800, 0x7ffefbff, 0xbfebfbff).build();
        int[] out = new int[4];
        assertTrue(t.lookup(0x1, 0, out));
        assertArrayEquals(new int[] {0x50654, 0x400800, 0x7ffefbff, 0xbfebfbff}, out);
        assertEquals(0xbfebfbff, t.get(0x1, 0, EDX));
    }

    @Test
    void ignoresTheSubleafOfLeavesThatAreNotIndexed() {
        CpuidTable t = CpuidTable.builder().put(0x1, 5, 1, 2, 3, 4).build();
        int[] out = new int[4];
        assertTrue(t.lookup(0x1, 0, out));
        assertArrayEquals(new int[] {1, 2, 3, 4}, out);
        assertTrue(t.lookup(0x1, 0x1234, out));
        assertEquals(1, t.entries().get(0).eax());
        assertEquals(0, t.entries().get(0).subleaf());
    }

    @Test
    void keepsSubleavesOfIndexedLeavesApart() {
        CpuidTable t = CpuidTable.builder().put(0x7, 0, 1, 0, 0, 0).put(0x7, 1, 2, 0, 0, 0).build();
        assertEquals(1, t.get(0x7, 0, EAX));
        assertEquals(2, t.get(0x7, 1, EAX));
        assertEquals(2, t.size());
    }

    @Test
    void absentRowsReadAsZeros() {
        CpuidTable t = CpuidTable.builder().put(0x7, 0, 1, 2, 3, 4).build();
        int[] out = {9, 9, 9, 9};
        assertFalse(t.lookup(0x7, 2, out));
        assertArrayEquals(new int[4], out);
        assertFalse(t.lookup(0x80000008, 0, out));
        assertArrayEquals(new int[4], out);
        assertEquals(0, t.get(0xD, 0, ECX));
        assertFalse(t.contains(0x7, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x4, 0x7, 0xB, 0xD, 0xF, 0x10, 0x12, 0x14, 0x17, 0x18, 0x1D, 0x1E, 0x1F, 0x20, 0x23, 0x24,
            0x8000001D, 0x80000020, 0x80000026})
    void knowsTheSubleafIndexedLeaves(int leaf) {
        assertTrue(CpuidTable.isSubleafIndexed(leaf));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0, 0x1, 0x2, 0x3, 0x5, 0x6, 0x16, 0x40000000, 0x80000000, 0x80000001, 0x80000008, 0x8000001E})
    void knowsTheLeavesThatIgnoreEcx(int leaf) {
        assertFalse(CpuidTable.isSubleafIndexed(leaf));
    }

    @Test
    void reportsTheHighestLeaves() {
        CpuidTable t = CpuidTable.builder().put(0x0, 0, 0x16, 0, 0, 0).put(0x80000000, 0, 0x80000008, 0, 0, 0).build();
        assertEquals(0x16, t.maxBasicLeaf());
        assertEquals(0x80000008, t.maxExtendedLeaf());
        assertEquals(0, CpuidTable.builder().build().maxBasicLeaf());
    }

    @Test
    void iteratesBasicThenHypervisorThenExtendedLeaves() {
        CpuidTable t = CpuidTable.builder()
                .put(0x80000001, 0, 1, 0, 0, 0)
                .put(0x40000000, 0, 2, 0, 0, 0)
                .put(0xD, 2, 3, 0, 0, 0)
                .put(0xD, 0, 4, 0, 0, 0)
                .put(0x0, 0, 5, 0, 0, 0)
                .build();
        List<String> order = t.entries().stream().map(e -> Integer.toHexString(e.leaf()) + "." + e.subleaf()).toList();
        assertEquals(List.of("0.0", "d.0", "d.2", "40000000.0", "80000001.0"), order);
        int n = 0;
        for (CpuidTable.Entry e : t) {
            assertEquals(t.entries().get(n++), e);
        }
        assertEquals(5, n);
    }

    @Test
    void comparesByValue() {
        CpuidTable a = CpuidTable.builder().put(0x1, 0, 1, 2, 3, 4).put(0x7, 0, 5, 6, 7, 8).build();
        CpuidTable b = CpuidTable.builder().put(0x7, 0, 5, 6, 7, 8).put(0x1, 0, 1, 2, 3, 4).build();
        CpuidTable c = CpuidTable.builder().put(0x1, 0, 1, 2, 3, 4).put(0x7, 0, 5, 6, 7, 9).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertEquals(a, a.toBuilder().build());
    }

    @Test
    void isNotChangedByItsBuilderAfterwards() {
        CpuidTable.Builder b = CpuidTable.builder().put(0x1, 0, 1, 2, 3, 4);
        CpuidTable t = b.build();
        b.put(0x1, 0, 9, 9, 9, 9).put(0x2, 0, 1, 1, 1, 1);
        assertEquals(1, t.get(0x1, 0, EAX));
        assertEquals(1, t.size());
        CpuidTable.Builder copy = t.toBuilder();
        copy.set(0x1, 0, EAX, 7);
        assertEquals(1, t.get(0x1, 0, EAX));
    }

    @Test
    void builderEditsRowsInPlace() {
        CpuidTable.Builder b = CpuidTable.builder()
                .put(0x1, 0, 0, 0, 0xFF, 0)
                .put(0xD, 0, 1, 1, 1, 1).put(0xD, 1, 1, 1, 1, 1).put(0xD, 2, 1, 1, 1, 1)
                .put(0xE, 0, 1, 1, 1, 1);
        b.clearBits(0x1, 0, ECX, 0x0F).clearBits(0x5, 0, ECX, 0xFF).set(0x6, 0, EDX, 3).removeLeaf(0xD);
        CpuidTable t = b.build();
        assertEquals(0xF0, t.get(0x1, 0, ECX));
        assertFalse(t.contains(0x5, 0), "clearing bits of an absent row leaves it absent");
        assertEquals(3, t.get(0x6, 0, EDX));
        assertFalse(t.contains(0xD, 0) || t.contains(0xD, 1) || t.contains(0xD, 2));
        assertTrue(t.contains(0xE, 0));
        assertEquals(List.of(0x1, 0x6), b.retain(e -> e.leaf() != 0xE).build().entries().stream().map(CpuidTable.Entry::leaf).toList());
    }
}
