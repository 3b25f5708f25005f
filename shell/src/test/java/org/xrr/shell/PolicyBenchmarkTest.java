package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void measuresColdAgainstWarmAndShowsTheWarmPathLoadsNoEngine() throws Exception {
        Files.copy(PolicyCommandTest.shipped("rr-compat.js"), tmp.resolve("rr-compat.js"));
        CliRun run = CliRun.of("bench", "policy", "--dir", tmp.toString());
        assertEquals(0, run.status(), run.err() + run.out());
        String row = run.out().lines().filter(l -> l.startsWith("rr-compat.js")).findFirst().orElseThrow();
        String[] cells = row.trim().split("\\s+");
        assertTrue(Integer.parseInt(cells[cells.length - 2]) > 1000, "the cold run loads the engine: " + row);
        assertEquals("0", cells[cells.length - 1], row);
        assertTrue(run.out().contains("goal: the warm path loads no JavaScript engine class: met"), run.out());
    }

    @Test
    void anEmptyDirectoryIsAClearError() {
        CliRun run = CliRun.of("bench", "policy", "--dir", tmp.toString());
        assertEquals(2, run.status());
        assertEquals("xrr: " + tmp + ": no .js policies in it\n", run.err());
    }
}
