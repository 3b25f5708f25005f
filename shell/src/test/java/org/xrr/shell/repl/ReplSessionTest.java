package org.xrr.shell.repl;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.shell.Recordings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The replay shell driven as a user would, through a terminal: what it prints for each command. */
class ReplSessionTest {
    private static final Pattern EVENT_LINE = Pattern.compile("(?m)^\\s+\\d+\\s+\\d+  \\w+");

    @TempDir
    Path tmp;

    @Test
    void stepsBreaksInspectsSeeksAndRunsToTheEnd() throws Exception {
        Path trace = Recordings.record(tmp, "sh", "-c", "cat /etc/hostname > /dev/null");
        String out = run(String.join("\n",
                "regs",
                "replay " + trace,
                "regs",
                "step",
                "regs rip",
                "break syscall openat",
                "break cpuid 0x7.0",
                "info breakpoints",
                "delete 2",
                "continue",
                "x rsi /s",
                "x rsp 16",
                "where",
                "disas rip 4",
                "regs xstate",
                "regs ymm1",
                "info mappings",
                "info threads",
                "events syscall=openat --limit 1",
                "events syscall=openat path~hostname",
                "events kind=exec path~cat",
                "seek 2",
                "seek 6",
                "seek 4",
                "seek 7",
                "seek 4",
                "continue to 1",
                "delete",
                "continue",
                "step",
                "break frobnicate",
                "exit") + "\n");
        assertTrue(out.contains("xrr: no trace is open: open one with 'replay TRACE'"), out);
        assertTrue(out.contains("opened " + trace), out);
        assertTrue(out.contains("xrr: the program is not running yet: step or continue first"), out);
        assertTrue(Pattern.compile("(?m)^\\s+0\\s+\\d+  exec\\s+/usr/bin/dash").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^rip 0x00007fff[0-9a-f]{8} ").matcher(out).find(), out);
        assertTrue(out.contains("breakpoint 1: syscall openat\nbreakpoint 2: cpuid 0x7.0\n1  syscall openat\n2  cpuid 0x7.0\n"
                + "deleted breakpoint 2\nbreakpoint 1 (syscall openat)\n"), out);
        assertTrue(Pattern.compile("(?m)^\\s+\\d+\\s+\\d+  syscall\\s+openat\\(").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^0x[0-9a-f]+: \"/etc/ld.so.cache\"$").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^0x7fff[0-9a-f]+: ([0-9a-f]{2} ){16} ").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^#0  0x00007fff[0-9a-f]{8} in /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\\+0x[0-9a-f]+:\n=> 0x7fff[0-9a-f]+: .*\n   0x7fff[0-9a-f]+: ")
                .matcher(out).find(), "one heading for the function, then its code: " + out);
        assertTrue(out.contains("xstate: ") && out.contains("XSTATE_BV 0x"), out);
        assertTrue(Pattern.compile("(?m)^ymm1 0x[0-9a-f]{64}$").matcher(out).find(), out);
        assertTrue(out.contains("[stack]"), out);
        assertTrue(Pattern.compile("(?m)^\\* task \\d+ \\(recorded as \\d+\\)$").matcher(out).find(), out);
        assertTrue(out.contains(" more; --limit N shows more"), out);
        assertTrue(Pattern.compile("(?m)^\\s+\\d+\\s+\\d+  syscall\\s+openat\\(.*\\) = 3  emulated  /etc/hostname$").matcher(out).find(),
                "the path of the openat, read by a replay: " + out);
        assertTrue(Pattern.compile("(?m)^\\s+[1-9]\\d*\\s+\\d+  exec\\s+/usr/bin/cat \\[cat, /etc/hostname\\]").matcher(out).find(), out);
        String two = task(out, 2);
        assertEquals(two, task(out, 6), "seek 6 went on from event 2, in the same run: " + out);
        assertNotEquals(two, task(out, 4), "seek 4 went back by replaying from the start: " + out);
        assertTrue(out.contains("seek: from the replay held at event 2\n"), "seek 4 took the replay held where seek 2 went: " + out);
        assertTrue(out.contains("seek: from the replay held at event 4\n"), "the second seek back to 4 took the one held there: " + out);
        assertTrue(out.contains("xrr: continue to 1: the replay is at event 4 already; 'seek 1' goes back"), out);
        assertTrue(out.contains("deleted every breakpoint\nthe replay matched the recording to its last event ("), out);
        assertTrue(out.contains("the program exited with status 0"), out);
        assertTrue(out.contains("xrr: the replay has ended; restart it"), out);
        assertTrue(out.contains("xrr: break: no breakpoint kind 'frobnicate'; kinds: syscall, cpuid, site, signal, event, exec"), out);
    }

    @Test
    void aDivergenceIsShownInPlaceAndTheStateStaysInspectable() throws Exception {
        Path trace = Recordings.record(tmp, "sh", "-c", "cat /etc/hostname > /dev/null");
        long changed = Recordings.rewriteFirstOpenat(trace);
        String out = run(String.join("\n",
                "replay -q " + trace,
                "continue",
                "regs orig_rax",
                "where",
                "x rsi /s",
                "step",
                "restart",
                "step",
                "exit") + "\n");
        assertTrue(out.contains("xrr: replay diverged at event " + changed + " "), out);
        assertTrue(out.contains("the replay is held where it diverged"), out);
        assertTrue(out.contains("orig_rax 0x0000000000000101 (257)"), "the task is still there, at the openat: " + out);
        assertTrue(out.contains("#0  0x"), out);
        assertTrue(out.contains("\"/etc/ld.so.cache\""), out);
        assertTrue(out.contains("xrr: the replay diverged at event " + changed + "; restart it or seek to an earlier event"), out);
        assertTrue(out.contains("restarted: " + trace.getFileName() + " (before event 0)"), out);
        assertTrue(Pattern.compile("(?m)^\\s+0\\s+\\d+  exec ").matcher(out).find(), out);
    }

    @Test
    void ctrlCHoldsALongContinueAndTheShellGoesOn() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is not installed");
        Path trace = Recordings.record(tmp, "/usr/bin/python3", "-c", "import os\nfor i in range(20000): os.getppid()");
        try (LiveRepl repl = new LiveRepl()) {
            repl.type("replay " + trace + "\ncontinue\n");
            // Ctrl-C at the prompt would cut short the line being read: it comes once continue runs.
            repl.waitFor(screen -> screen.contains("opened "));
            Thread.sleep(300);
            repl.interruptUntil(screen -> EVENT_LINE.matcher(screen).find() || screen.contains("matched the recording"), 20);
            String interrupted = repl.screen();
            assertTrue(EVENT_LINE.matcher(interrupted).find(), "Ctrl-C held the replay at an event: " + interrupted);
            assertFalse(interrupted.contains("matched the recording"), interrupted);
            repl.type("continue\nexit\n");
            repl.join();
            assertTrue(repl.screen().contains("the replay matched the recording to its last event"), repl.screen());
            assertEquals(0, repl.status());
        }
    }

    @Test
    void ctrlCStopsARunningScriptAndTheShellGoesOn() throws Exception {
        Path script = tmp.resolve("forever.js");
        Files.writeString(script, "print('looping');\nwhile (true) {}\n");
        try (LiveRepl repl = new LiveRepl()) {
            repl.type("script " + script + "\n");
            repl.waitFor(screen -> screen.contains("looping"));
            repl.interruptUntil(screen -> screen.contains("stopped by Ctrl-C"), 50);
            assertTrue(repl.screen().contains(script + ": stopped by Ctrl-C"), repl.screen());
            repl.type("help step\nexit\n");
            assertFalse(repl.join(), "the shell ended after exit");
            assertTrue(repl.screen().contains("step"), repl.screen());
        }
    }

    /** The REPL on a terminal of its own thread, typed into as a user would, with its screen to read and Ctrl-C to press. */
    private final class LiveRepl implements AutoCloseable {
        private static final long PATIENCE_NANOS = 120_000_000_000L;
        private final PipedOutputStream keys = new PipedOutputStream();
        private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        private final AtomicInteger status = new AtomicInteger(-1);
        private final Terminal terminal;
        private final Thread shell;
        private final long deadline = System.nanoTime() + PATIENCE_NANOS;

        LiveRepl() throws IOException {
            terminal = new DumbTerminal(new PipedInputStream(keys), screen);
            shell = new Thread(() -> {
                try {
                    status.set(new Repl(terminal, tmp.resolve("history"), false).run());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            shell.start();
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        String screen() {
            return text(screen);
        }

        void waitFor(Predicate<String> shown) throws InterruptedException {
            while (!shown.test(screen()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        /** Presses Ctrl-C every {@code everyMillis} until {@code shown} holds. */
        void interruptUntil(Predicate<String> shown, long everyMillis) throws InterruptedException {
            while (!shown.test(screen()) && System.nanoTime() < deadline) {
                terminal.raise(Terminal.Signal.INT);
                Thread.sleep(everyMillis);
            }
        }

        /** Waits for the shell to end; returns whether it is still running. */
        boolean join() throws InterruptedException {
            shell.join(PATIENCE_NANOS / 1_000_000);
            return shell.isAlive();
        }

        int status() {
            return status.get();
        }

        @Override
        public void close() throws IOException {
            terminal.close();
        }
    }

    /** The task named on the line for event {@code index}, as a seek to it prints it (the last such line). */
    private static String task(String out, long index) {
        Matcher m = Pattern.compile("(?m)^\\s+" + index + "\\s+\\d+  .*\\[task (\\d+)\\]$").matcher(out);
        String task = null;
        while (m.find()) {
            task = m.group(1);
        }
        assertNotNull(task, "no line for event " + index + ": " + out);
        return task;
    }

    private static String text(ByteArrayOutputStream screen) {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    private String run(String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out)) {
            new Repl(terminal, tmp.resolve("history"), false).run();
            terminal.flush();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
