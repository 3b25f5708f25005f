package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.interposer.trace.TraceDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What record and replay say when things go wrong: each is a clear message, never a hang or a stack trace. */
class RecordReplayFailuresTest {
    @TempDir
    Path tmp;

    @Test
    void aDivergenceIsReportedWithTheEventRegistersAndCode() throws Exception {
        Path trace = record("sh", "-c", "cat /etc/hostname > /dev/null");
        long changed = Recordings.rewriteFirstOpenat(trace);
        CliRun run = CliRun.of("replay", trace.toString());
        assertEquals(1, run.status(), run.err());
        String report = run.err();
        assertTrue(report.startsWith("xrr: replay diverged at event " + changed + " "), report);
        assertTrue(report.contains("\n  recorded: syscall openat(0xffffff9c, 0x"), report);
        assertTrue(report.contains("\n  replayed: the program made syscall openat(") && report.contains("argument 2 differs"), report);
        assertTrue(report.contains(" registers:\n") && report.contains("orig_rax 0x0000000000000101"), report);
        assertTrue(report.contains("\n  code at 0x") && report.contains("ld-linux-x86-64.so.2"), "the code is named by its file: " + report);
        assertTrue(report.contains("\n  => 0x"), report);
    }

    @Test
    void aFileThatChangedSinceTheRecordingIsRefusedBeforeRunning() throws Exception {
        Path program = tmp.resolve("mytrue");
        Files.copy(Path.of("/bin/true"), program);
        program.toFile().setExecutable(true);
        Path trace = record(program.toString());
        Files.write(program, new byte[] {0}, StandardOpenOption.APPEND);
        CliRun run = CliRun.of("replay", trace.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("xrr: cannot replay: 1 file(s) the recording mapped changed since: " + program
                + " (content differs"), run.err());
    }

    @Test
    void anUnsupportedSyscallIsNamedAndTheTraceUpToItStaysReadable() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is not installed");
        Path trace = tmp.resolve("t");
        CliRun run = CliRun.of("record", "-o", trace.toString(), "--", "/usr/bin/python3", "-c",
                "import ctypes; ctypes.CDLL(None).syscall(425, 0, 0)");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("xrr: cannot record /usr/bin/python3: unsupported syscall 'io_uring_setup' (425) at pid "),
                run.err());
        assertTrue(run.err().contains(", rip 0x") && run.err().endsWith("; the trace up to it is in " + trace + "\n"), run.err());
        CliRun dump = CliRun.of("dump", trace.toString());
        assertEquals(0, dump.status(), dump.err());
        assertTrue(dump.out().lines().count() > 100, "the events before it are in the trace");
    }

    @Test
    void aDamagedTraceIsAOneLineError() throws Exception {
        Path trace = record("sh", "-c", "echo hi > /dev/null");
        Path events = trace.resolve(TraceDirectory.EVENTS);
        byte[] whole = Files.readAllBytes(events);
        Files.write(events, Arrays.copyOf(whole, whole.length / 2));
        CliRun run = CliRun.of("replay", trace.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().startsWith("xrr: ") && run.err().contains("event"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void aKilledRecorderLeavesAReadablePrefixAndNoTracee() throws Exception {
        Path trace = tmp.resolve("killed");
        String marker = "xrr-killed-recorder-" + System.nanoTime();
        Process recorder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djna.library.path=" + System.getProperty("jna.library.path", ""), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "record", "-o", trace.toString(), "--", "sh", "-c",
                "while :; do cat /etc/hostname; done > /dev/null; : " + marker)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path events = trace.resolve(TraceDirectory.EVENTS);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ((!Files.exists(events) || Files.size(events) < 200_000) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        recorder.destroyForcibly().waitFor();
        assertTrue(Files.size(events) >= 200_000, "the recorder wrote too little to test: " + Files.size(events));
        Thread.sleep(500);
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(marker)),
                "a tracee outlived its recorder");
        CliRun dump = CliRun.of("dump", trace.toString());
        assertEquals(2, dump.status(), dump.err());
        assertTrue(dump.out().lines().count() > 1000, "the prefix is readable");
        assertTrue(dump.err().contains("the recording was cut short"), dump.err());
    }

    @Test
    void aReplayThatNeverStartsTheProgramIsADivergence() throws Exception {
        Path script = tmp.resolve("gone.sh");
        Files.writeString(script, "#!/bin/sh\ntrue\n");
        script.toFile().setExecutable(true);
        Path trace = record(script.toString());
        Files.delete(script);
        CliRun run = CliRun.of("replay", "-q", trace.toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains("replay diverged at event 0 ")
                && run.err().contains("replayed: execve failed with No such file or directory (ENOENT)"), run.err());
    }

    @Test
    void aSignalThatInterruptsASleepReplays() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is not installed");
        Path out = tmp.resolve("alarm.txt");
        Path trace = record("/usr/bin/python3", "-c", "import signal, time\n"
                + "hits = []\n"
                + "signal.signal(signal.SIGALRM, lambda *a: hits.append(time.monotonic()))\n"
                + "signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)\n"
                + "time.sleep(0.3)\n"
                + "signal.setitimer(signal.ITIMER_REAL, 0)\n"
                + "open('" + out + "', 'w').write(str(len(hits)))\n");
        assertTrue(Integer.parseInt(Files.readString(out)) >= 2, "the alarm interrupted the sleep while recording");
        for (int i = 0; i < 3; i++) {
            CliRun run = CliRun.of("replay", trace.toString());
            assertEquals(0, run.status(), run.err());
        }
    }

    @Test
    void aMissingTraceIsNamed() {
        CliRun run = CliRun.of("replay", tmp.resolve("none").toString());
        assertEquals(2, run.status());
        assertEquals("xrr: " + tmp.resolve("none") + ": no such trace\n", run.err());
    }

    private Path record(String... command) {
        return Recordings.record(tmp, command);
    }
}
