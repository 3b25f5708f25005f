package org.xrr.shell;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RecordBenchmarkTest {
    @Test
    void printsEveryWorkloadWithItsRatiosAndTheGoals() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is not installed");
        CliRun run = CliRun.of("bench", "record", "--runs", "1", "--find", "/etc");
        assertEquals(0, run.status(), run.err());
        for (String workload : new String[] {"find /etc -type f ", "python3 start-up with imports ", "CPU-bound C loop "}) {
            String row = run.out().lines().filter(l -> l.startsWith(workload)).findFirst().orElseThrow(() -> new AssertionError(run.out()));
            assertTrue(row.matches(".* ms .*x .*x\\s+\\d+\\.\\d"), row);
        }
        assertTrue(run.out().contains("goal: at most 1.10x native on the CPU-bound loop: "), run.out());
        assertTrue(run.out().contains("goal: replay no slower than record (by more than 3%"), run.out());
        assertTrue(run.out().contains("goal: recording no slower than strace"), run.out());
        if (Files.isExecutable(Path.of("/usr/bin/strace")) && Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            assertTrue(run.out().contains(" strace -f strace 1cpu ") && run.out().contains(" rec/str1 "), run.out());
            assertTrue(run.out().contains("x strace bound to one CPU, as xrr binds itself)"), run.out());
        }
    }

    @Test
    void aMissingWorkloadProgramIsNamed() {
        CliRun run = CliRun.of("bench", "record", "--python", "/no/python3");
        assertEquals(2, run.status());
        assertEquals("xrr: /no/python3: no such program\n", run.err());
    }
}
