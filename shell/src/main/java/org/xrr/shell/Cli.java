package org.xrr.shell;

import org.xrr.disasm.elf.ElfFormatException;
import org.xrr.shell.run.TracedProgram;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Builds the command line shared by {@code xrr ARGS} and the REPL, with one error policy: a
 * problem the user can act on is one line on stderr and a non-zero status, never a stack trace.
 */
public final class Cli {
    /** Exit status for bad input (a file that is not what it should be, a bad option value). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit status for a failure of xrr itself. */
    public static final int EXIT_INTERNAL = 70;

    private Cli() {
    }

    public static CommandLine create() {
        CommandLine cli = configure(new CommandLine(new XrrCommand()));
        // Everything after the program name belongs to the program: `xrr run python3 -c ...`, in
        // every command that runs one.
        stopAtProgram(cli);
        // And everything after a script's name belongs to the script.
        cli.getSubcommands().get("script").setStopAtPositional(true);
        return cli;
    }

    private static void stopAtProgram(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getCommandSpec().positionalParameters().stream().anyMatch(p -> TracedProgram.CMD.equals(p.paramLabel()))) {
                sub.setStopAtPositional(true);
            }
            stopAtProgram(sub);
        }
    }

    /** The error policy and parsing rules every xrr command line shares, the REPL's session commands too. */
    public static CommandLine configure(CommandLine cli) {
        cli.setExecutionExceptionHandler(Cli::handle);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof UserError ue) {
            err.println("xrr: " + ue.getMessage());
            err.flush();
            return ue.exitCode();
        }
        if (e instanceof ElfFormatException) {
            err.println("xrr: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        err.println("xrr: internal error: " + e);
        if (System.getenv("XRR_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("xrr: run with XRR_DEBUG=1 for the stack trace, and please report it");
        }
        err.flush();
        return EXIT_INTERNAL;
    }
}
