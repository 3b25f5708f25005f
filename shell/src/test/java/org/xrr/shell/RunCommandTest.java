package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.NativePrograms;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** xrr run end to end, in process. Programs write into files: the test JVM's own stdout is not theirs to use. */
class RunCommandTest {
    @TempDir
    Path tmp;

    @Test
    void exitsWithTheProgramsStatus() {
        CliRun run = CliRun.of("run", "sh", "-c", "exit 3");
        assertEquals(3, run.status(), run.err());
        assertEquals("", run.err());
    }

    @Test
    void argumentsAfterTheProgramBelongToIt() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("run", "--mask", "avx512f", "sh", "-c", "echo \"$0 $1\" > " + out, "--mask", "--stats");
        assertEquals(0, run.status(), run.err());
        assertEquals("--mask --stats\n", Files.readString(out));
    }

    @Test
    void aMissingProgramIsReportedAsAShellWould() {
        CliRun run = CliRun.of("run", "no-such-program-xrr");
        assertEquals(127, run.status());
        assertEquals("xrr: no-such-program-xrr: command not found\n", run.err());
    }

    @Test
    void aFileThatIsNotExecutableIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("data"), "x");
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(126, run.status());
        assertEquals("xrr: " + file + ": Permission denied\n", run.err());
    }

    @Test
    void deathBySignalIsReportedAsAShellWould() {
        CliRun run = CliRun.of("run", "sh", "-c", "kill -SEGV $$");
        assertEquals(139, run.status());
        assertEquals("Segmentation fault\n", run.err());
    }

    @Test
    void anUnknownFeatureSuggestsTheClosestNames() {
        CliRun run = CliRun.of("run", "--mask", "avx512", "true");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("xrr: ") && run.err().contains("avx512f"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void aMalformedProfileIsNamed() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"name\": \"x\", \"leaves\": [}");
        CliRun run = CliRun.of("run", "--profile", bad.toString(), "true");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("xrr: ") && run.err().contains("bad.json"), run.err());
        assertTrue(!run.err().contains("Exception"), run.err());
    }

    @Test
    void rrOptionsWithBadValuesAreRefused() {
        CliRun run = CliRun.of("run", "--disable-cpuid-features", "0xzz", "true");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("xrr: "), run.err());
    }

    @Test
    void statsCountTrapsAndSites() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("run", "--stats", "--no-cpuid-faulting", "--mask", "avx512f", "sh", "-c",
                NativePrograms.cpuprobe() + " cpuid 7.0 > " + out);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().matches("(?s)xrr stats:\\n  traps +cpuid \\d+.*"), run.err());
        assertTrue(run.err().matches("(?s).*sites patched +[1-9]\\d* with int3, \\d+ XSAVE-family sites rewritten to trampolines\\n.*tracee wall +[0-9.]+ ms\\n.*"), run.err());
        assertTrue(Files.readString(out).startsWith("0x7.0x0 "));
    }
}
