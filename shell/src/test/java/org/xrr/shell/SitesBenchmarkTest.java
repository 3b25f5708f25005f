package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.xrr.disasm.testing.NativePrograms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SitesBenchmarkTest {
    @Test
    void printsTimesRatiosAndAgreementSideBySide() {
        CliRun run = CliRun.of("bench", "sites", "--runs", "1", NativePrograms.cpuprobe().toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("OBJDUMP/COLD"), run.out());
        assertTrue(run.out().matches("(?s).*cpuprobe\\s+[0-9.]+ MB\\s+19\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+x\\s+[0-9.]+x\\s+yes\\n.*"), run.out());
        assertTrue(run.out().contains("goal: cached lookup under 10 ms"), run.out());
    }

    @Test
    void aMissingFileIsRefusedBeforeMeasuring() {
        CliRun run = CliRun.of("bench", "sites", "/nonexistent/lib.so");
        assertEquals(2, run.status());
        assertEquals("xrr: /nonexistent/lib.so: no such file\n", run.err());
    }
}
