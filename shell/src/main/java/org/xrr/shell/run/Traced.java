package org.xrr.shell.run;

import org.xrr.interposer.ptrace.PtraceException;
import org.xrr.shell.UserError;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.nio.file.Files;
import java.nio.file.Path;

/** What every command that runs a program under the tracer does around it. */
public final class Traced {
    private static final int EPERM = 1;

    /** Work done with the program traced. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    private Traced() {
    }

    /** The program a command names, found as a shell would; not found is status 127, not executable 126. */
    public static Path program(String name) {
        Path program = ProgramPath.resolve(name, System.getenv("PATH"))
                .orElseThrow(() -> new UserError(name + ": command not found", 127));
        if (Files.isDirectory(program) || !Files.isExecutable(program)) {
            throw new UserError(name + ": Permission denied", 126);
        }
        return program;
    }

    /**
     * Runs {@code work} with Ctrl-C left to the program, which shares xrr's terminal: xrr must
     * outlive it to report. A refused ptrace becomes a one-line error that says what is needed.
     */
    public static <T> T run(String name, Work<T> work) throws Exception {
        SignalHandler previous = Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        try {
            return work.run();
        } catch (PtraceException e) {
            if (e.errno() == EPERM) {
                throw new UserError("cannot trace " + name + ": ptrace is not permitted here (" + e.getMessage()
                        + "); xrr needs root or CAP_SYS_PTRACE, and kernel.yama.ptrace_scope at most 1");
            }
            throw e;
        } finally {
            Signal.handle(new Signal("INT"), previous);
        }
    }
}
