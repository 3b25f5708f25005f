package org.xrr.shell.repl;

import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.shell.Cli;
import org.xrr.shell.session.SessionCommands;
import org.xrr.shell.session.SessionContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Tab offers in the shell at each kind of place on a line. */
class ReplCompleterTest {
    @TempDir
    Path tmp;

    @Test
    void commandsKindsNamesFeaturesAndFiles() throws Exception {
        Files.createDirectory(tmp.resolve("trace-one"));
        assertTrue(candidates("").containsAll(List.of("continue", "step", "seek", "break", "regs", "record", "dump", "script",
                "replay", "exit", "help")), candidates("").toString());
        assertTrue(candidates("break ").containsAll(List.of("syscall", "cpuid", "site", "signal", "event", "exec")));
        assertTrue(candidates("break syscall open").containsAll(List.of("openat", "open", "read", "mmap")));
        assertTrue(candidates("break signal SIGSE").contains("SIGSEGV"));
        assertTrue(candidates("events sys").containsAll(List.of("syscall=openat", "kind=trap", "path~")));
        assertTrue(candidates("record --mask avx").containsAll(List.of("avx512f", "avx2", "sse4_2")));
        assertTrue(candidates("regs ym").containsAll(List.of("ymm0", "ymm15", "rip", "orig_rax", "xstate")));
        assertTrue(candidates("info ").containsAll(List.of("breakpoints", "threads", "mappings", "model", "trace", "sites")));
        List<String> files = candidates("replay " + tmp + "/tr");
        assertTrue(files.stream().anyMatch(f -> f.endsWith("trace-one/")), files.toString());
        List<String> options = candidates("dump --");
        assertTrue(options.contains("--json") && options.contains("--syscall"), options.toString());
        assertFalse(candidates("break syscall open").contains("SIGSEGV"));
    }

    private List<String> candidates(String line) throws Exception {
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            PrintWriter out = new PrintWriter(new ByteArrayOutputStream());
            ReplCompleter completer = new ReplCompleter(Cli.create(), SessionCommands.create(new SessionContext(out), out));
            List<Candidate> found = new ArrayList<>();
            completer.complete(reader, new DefaultParser().parse(line, line.length()), found);
            return found.stream().map(Candidate::value).toList();
        }
    }
}
