package org.xrr.shell;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SeekBenchmarkTest {
    @Test
    void comparesASeekFromTheStartWithASeekBackToTheStandbyReplay() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is not installed");
        CliRun run = CliRun.of("bench", "seek", "--runs", "1");
        assumeFalse(run.err().contains("ptrace is not permitted"), run.err());
        assertEquals(0, run.status(), run.out() + run.err());
        Matcher start = Pattern.compile("(?m)^seek from the start\\s+([\\d.]+) ms$").matcher(run.out());
        Matcher back = Pattern.compile("(?m)^seek back to it again \\(standby\\)\\s+([\\d.]+) ms$").matcher(run.out());
        assertTrue(start.find() && back.find(), run.out());
        assertTrue(Double.parseDouble(start.group(1)) > 0 && Double.parseDouble(back.group(1)) > 0, run.out());
        assertTrue(run.out().contains(" events; seeks to event "), run.out());
    }
}
