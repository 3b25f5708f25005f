package org.xrr.shell;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class HuntBenchmarkTest {
    private static final Pattern ROW = Pattern.compile("^(\\d+)\\s+([\\d.]+) s\\s+([\\d.]+)\\s+([\\d.]+)x$");

    @Test
    void reportsCellsPerMinuteOneAtATimeAndSideBySide() {
        CliRun run = CliRun.of("bench", "hunt", "--cells", "2", "-j", "2", "--program", "/bin/true");
        assumeFalse(run.err().contains("ptrace is not permitted"), run.err());
        assertEquals(0, run.status(), run.out() + run.err());
        List<Matcher> rows = run.out().lines().map(ROW::matcher).filter(Matcher::matches).toList();
        assertEquals(2, rows.size(), run.out());
        assertEquals("1", rows.get(0).group(1));
        assertEquals("2", rows.get(1).group(1));
        for (Matcher row : rows) {
            double wall = Double.parseDouble(row.group(2));
            double perMinute = Double.parseDouble(row.group(3));
            assertTrue(perMinute > 0, run.out());
            assertEquals(2 * 60 / Math.max(wall, 0.05), perMinute, perMinute * 0.6 + 30, "cells per minute follows from the wall time");
        }
    }

    @Test
    void aProgramThatIsNotThereIsAOneLineError() {
        CliRun run = CliRun.of("bench", "hunt", "--program", "/no/such/program");
        assertEquals(2, run.status());
        assertEquals("xrr: /no/such/program: not an executable program\n", run.err());
    }
}
