package org.xrr.shell.repl;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.xrr.shell.XdgDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code xrr shell}: the interactive REPL. */
@Command(name = "shell", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "Open the xrr REPL. It runs the same subcommands as the command line, with completion "
                + "and history. Without a terminal it reads commands from standard input.")
public final class ShellCommand implements Callable<Integer> {
    @Option(names = "--history-file", paramLabel = "FILE",
            description = "Where to keep the command history (default: $XDG_CONFIG_HOME/xrr/history).")
    Path historyFile;

    @Override
    public Integer call() throws IOException {
        Path history = historyFile != null ? historyFile : XdgDirectories.config().resolve("history");
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            boolean interactive = System.console() != null;
            return new Repl(terminal, history, interactive ? Repl.PROMPT : "").run();
        }
    }
}
