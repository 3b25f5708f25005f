package org.xrr.shell.repl;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.shell.XdgDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code xrr shell}: the interactive REPL. */
@Command(name = "shell", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "Open the xrr REPL. It runs the same subcommands as the command line, with completion "
                + "and history, and steps through a trace opened with 'replay TRACE'. Without a terminal it reads "
                + "commands from standard input.")
public final class ShellCommand implements Callable<Integer> {
    @Option(names = "--history-file", paramLabel = "FILE",
            description = "Where to keep the command history (default: $XDG_CONFIG_HOME/xrr/history).")
    Path historyFile;

    @Option(names = "-c", paramLabel = "COMMANDS", description = "Run these commands, separated by ';', and exit with the status of the last one run.")
    String commands;

    @Override
    public Integer call() throws IOException {
        return open(historyFile, commands, null);
    }

    /** The shell on this process's terminal, or on its standard input without one; opening {@code trace} if not null. */
    public static int open(Path historyFile, String commands, TraceDirectory trace) throws IOException {
        Path history = historyFile != null ? historyFile : XdgDirectories.config().resolve("history");
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            Repl repl = new Repl(terminal, history, commands == null && System.console() != null);
            if (trace != null) {
                repl.opening(trace);
            }
            return commands != null ? repl.runAll(commands) : repl.run();
        }
    }
}
