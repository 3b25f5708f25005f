package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code xrr replay TRACE} on a real pseudo-terminal (made by util-linux's script): it opens the
 * shell with a coloured prompt naming the trace and position, completes with Tab, and drops
 * the colour under NO_COLOR.
 */
class ReplayShellOnTerminalTest {
    private static final String ESC = "\u001b";

    @TempDir
    Path tmp;

    @Test
    void replayOnATerminalOpensTheShell() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux's script is not installed");
        Path trace = Recordings.record(tmp, "sh", "-c", "cat /etc/hostname > /dev/null");
        String name = trace.getFileName().toString();
        String colour = onTerminal(trace, "step\nbreak sysc\t openat\ncontinue\nexit\n", false);
        assertTrue(colour.contains(ESC + "[36;1mxrr " + name + " (before event 0)" + ESC + "[0m> step"), colour);
        assertTrue(colour.contains("breakpoint 1: syscall openat"), "Tab completed the kind: " + colour);
        assertTrue(colour.contains("breakpoint 1 (syscall openat)"), colour);
        assertTrue(colour.matches("(?s).*" + ESC + "\\[36;1mxrr " + name + " #\\d+ t\\d+" + ESC + "\\[0m> exit.*"), colour);
        String plain = onTerminal(trace, "exit\n", true);
        assertTrue(plain.contains("xrr " + name + " (before event 0)> exit"), plain);
        assertTrue(!plain.contains(ESC + "[36;1m"), plain);
    }

    private String onTerminal(Path trace, String keys, boolean noColor) throws Exception {
        String java = String.join(" ", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djna.library.path=" + System.getProperty("jna.library.path", ""),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "replay", trace.toString()));
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qec", "stty cols 200 rows 40; exec " + java, "/dev/null")
                .redirectErrorStream(true);
        pb.environment().put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        if (noColor) {
            pb.environment().put("NO_COLOR", "1");
        } else {
            pb.environment().remove("NO_COLOR");
        }
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        p.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
