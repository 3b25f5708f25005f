package org.xrr.shell.repl;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.xrr.shell.Cli;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliJLineCompleter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The read-eval-print loop: each line is parsed like a shell command line and run as an xrr
 * subcommand, with the same options, output and error messages as on the command line.
 */
public final class Repl {
    /** The prompt of an interactive session. */
    public static final String PROMPT = "xrr> ";
    private static final List<String> BUILTINS = List.of("help", "exit", "quit");

    private final Terminal terminal;
    private final Path historyFile;
    private final String prompt;

    /** @param prompt {@link #PROMPT}, or empty when commands come from a script, so the output is only theirs */
    public Repl(Terminal terminal, Path historyFile, String prompt) {
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.prompt = prompt;
    }

    /** Runs until {@code exit}, {@code quit} or end of input; returns the status of the last command. */
    public int run() throws IOException {
        PrintWriter out = terminal.writer();
        CommandLine cli = Cli.create();
        cli.setOut(out);
        cli.setErr(out);
        Files.createDirectories(historyFile.toAbsolutePath().getParent());
        LineReader reader = LineReaderBuilder.builder()
                .appName("xrr")
                .terminal(terminal)
                .parser(new DefaultParser())
                .completer(new AggregateCompleter(new StringsCompleter(BUILTINS),
                        new PicocliJLineCompleter(cli.getCommandSpec())))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .build();
        int status = 0;
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
            if (words.isEmpty() || words.get(0).startsWith("#")) {
                continue;
            }
            String command = words.get(0);
            if (command.equals("exit") || command.equals("quit")) {
                break;
            }
            if (command.equals("help")) {
                status = help(cli, words, out);
            } else if (command.equals("shell")) {
                out.println("xrr: already in the xrr shell");
                status = Cli.EXIT_BAD_INPUT;
            } else {
                status = cli.execute(words.toArray(String[]::new));
            }
            out.flush();
        }
        reader.getHistory().save();
        return status;
    }

    private static int help(CommandLine cli, List<String> words, PrintWriter out) {
        if (words.size() == 1) {
            cli.usage(out);
            out.println("REPL commands: help [COMMAND], exit (or quit, or Ctrl-D).");
            return 0;
        }
        CommandLine sub = cli.getSubcommands().get(words.get(1));
        if (sub == null) {
            out.println("xrr: no such command: " + words.get(1) + "; commands: " + String.join(", ", cli.getSubcommands().keySet()));
            return Cli.EXIT_BAD_INPUT;
        }
        sub.usage(out);
        return 0;
    }
}
