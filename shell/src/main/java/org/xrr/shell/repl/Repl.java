package org.xrr.shell.repl;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStyle;
import org.jline.utils.AttributedStringBuilder;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.shell.Cli;
import org.xrr.shell.script.SessionScript;
import org.xrr.shell.session.SessionCommands;
import org.xrr.shell.session.SessionContext;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The read-eval-print loop: each line is parsed like a shell command line and run as an xrr
 * subcommand, with the same options, output and error messages as on the command line, or as a
 * session command that steps through and inspects the trace opened with {@code replay TRACE}.
 */
public final class Repl {
    static final List<String> BUILTINS = List.of("help", "exit", "quit");
    /** A result that ends the loop. */
    private static final int EXIT = Integer.MIN_VALUE;

    private final Terminal terminal;
    private final Path historyFile;
    private final boolean interactive;
    private final PrintWriter out;
    private final CommandLine cli;
    private final SessionContext context;
    private final SessionCommands session;

    /** @param interactive show a prompt, in colour unless NO_COLOR is set; false when commands come from a script, so the output is only theirs */
    public Repl(Terminal terminal, Path historyFile, boolean interactive) {
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.interactive = interactive;
        this.out = terminal.writer();
        this.cli = Cli.create();
        cli.setOut(out);
        cli.setErr(out);
        this.context = new SessionContext(out);
        this.session = SessionCommands.create(context, out);
    }

    /** Opens {@code trace} for stepping before the loop starts: {@code xrr replay TRACE} on a terminal. */
    public Repl opening(TraceDirectory trace) {
        context.open(trace, true);
        return this;
    }

    /** Runs until {@code exit}, {@code quit} or end of input; returns the status of the last command. */
    public int run() throws IOException {
        Files.createDirectories(historyFile.toAbsolutePath().getParent());
        LineReader reader = LineReaderBuilder.builder()
                .appName("xrr")
                .terminal(terminal)
                .parser(new DefaultParser())
                .completer(new ReplCompleter(cli, session))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .build();
        // Ctrl-C while a command runs holds the replay at its next event and stops a running
        // script; at the prompt, it clears the line.
        terminal.handle(Terminal.Signal.INT, signal -> {
            SessionScript.stopAll();
            context.current().ifPresent(s -> s.replay().interrupt());
        });
        int status = 0;
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                int result = execute(reader.getParsedLine().words());
                if (result == EXIT) {
                    break;
                }
                status = result;
            }
        } finally {
            reader.getHistory().save();
            context.close();
        }
        return status;
    }

    /** Runs commands separated by {@code ;}, as {@code xrr shell -c} takes them; stops at {@code exit}. */
    public int runAll(String commands) {
        DefaultParser parser = new DefaultParser();
        int status = 0;
        try {
            for (String command : commands.split(";")) {
                int result = execute(parser.parse(command, command.length()).words());
                if (result == EXIT) {
                    break;
                }
                status = result;
            }
        } finally {
            context.close();
        }
        return status;
    }

    private int execute(List<String> line) {
        List<String> words = line.stream().filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty() || words.get(0).startsWith("#")) {
            return 0;
        }
        String command = words.get(0);
        int status;
        if (command.equals("exit") || command.equals("quit")) {
            return EXIT;
        } else if (command.equals("help")) {
            status = help(words);
        } else if (command.equals("shell")) {
            out.println("xrr: already in the xrr shell");
            status = Cli.EXIT_BAD_INPUT;
        } else if (session.get(command).isPresent()) {
            status = session.get(command).get().execute(words.subList(1, words.size()).toArray(String[]::new));
        } else {
            status = cli.execute(words.toArray(String[]::new));
        }
        out.flush();
        return status;
    }

    private String prompt() {
        if (!interactive) {
            return "";
        }
        String where = context.current().map(s -> "xrr " + s.where()).orElse("xrr");
        if (System.getenv("NO_COLOR") != null || Terminal.TYPE_DUMB.equals(terminal.getType())) {
            return where + "> ";
        }
        return new AttributedStringBuilder().style(AttributedStyle.BOLD.foreground(AttributedStyle.CYAN)).append(where)
                .style(AttributedStyle.DEFAULT).append("> ").toAnsi(terminal);
    }

    private int help(List<String> words) {
        if (words.size() == 1) {
            cli.usage(out);
            out.println();
            out.println("Replay commands (open a trace with 'replay TRACE'):");
            session.list(out);
            out.println("REPL commands: help [COMMAND], exit (or quit, or Ctrl-D).");
            return 0;
        }
        CommandLine sub = session.get(words.get(1)).orElse(cli.getSubcommands().get(words.get(1)));
        if (sub == null) {
            out.println("xrr: no such command: " + words.get(1) + "; commands: " + String.join(", ", cli.getSubcommands().keySet())
                    + ", " + String.join(", ", session.names()));
            return Cli.EXIT_BAD_INPUT;
        }
        sub.usage(out);
        return 0;
    }
}
