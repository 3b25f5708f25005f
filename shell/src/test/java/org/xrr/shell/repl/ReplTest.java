package org.xrr.shell.repl;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.NativePrograms;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplTest {
    @TempDir
    Path tmp;

    @Test
    void runsSubcommandsHelpAndErrorsThenExits() throws Exception {
        Path history = tmp.resolve("config/history");
        String script = String.join("\n",
                "sites --no-cache " + NativePrograms.cpuprobe(),
                "help",
                "help sites",
                "frobnicate",
                "sites " + tmp.resolve("missing"),
                "exit",
                "sites --no-cache " + NativePrograms.cpuprobe()) + "\n";
        Session s = run(script, history);
        assertTrue(s.output.contains("site_cpuid"), s.output);
        assertTrue(s.output.contains("REPL commands: help [COMMAND], exit"), s.output);
        assertTrue(s.output.contains("Replay commands (open a trace with 'replay TRACE'):\n  replay         Open a trace"), s.output);
        assertTrue(s.output.contains("\n  step, s        Replay N events (default 1), of any task;"), s.output);
        assertTrue(s.output.contains("Usage: xrr sites"), s.output);
        assertTrue(s.output.contains("Unmatched argument"), s.output);
        assertTrue(s.output.contains("xrr: " + tmp.resolve("missing") + ": no such file"), s.output);
        assertEquals(1, s.output.split("total\\s+19").length - 1, "nothing runs after exit");
        String saved = Files.readString(history);
        assertTrue(saved.contains("help sites"), saved);
    }

    @Test
    void endOfInputEndsTheShell() throws Exception {
        Session s = run("help\n", tmp.resolve("history"));
        assertTrue(s.output.contains("Usage: xrr"), s.output);
        assertEquals(0, s.status);
    }

    private record Session(int status, String output) {
    }

    private static Session run(String input, Path history) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out)) {
            int status = new Repl(terminal, history, false).run();
            terminal.flush();
            return new Session(status, out.toString(StandardCharsets.UTF_8));
        }
    }
}
