package org.xrr.shell;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RunBenchmarkTest {
    @Test
    void printsNativeAndTracedTimesWithTheirRatio() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
        CliRun run = CliRun.of("bench", "run", "--runs", "1");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().matches("(?s).*  native +[0-9.]+ ms\\n  xrr run --mask avx512f +[0-9.]+ ms .*\\n  ratio +[0-9.]+x\\n.*"), run.out());
        assertTrue(run.out().contains("goal: tracee wall time at most 1.05x native: "), run.out());
    }

    @Test
    void aMissingPythonIsNamed() {
        CliRun run = CliRun.of("bench", "run", "--python", "/nonexistent/python3");
        assertEquals(2, run.status());
        assertEquals("xrr: /nonexistent/python3: no such program (choose another with --python)\n", run.err());
    }
}
