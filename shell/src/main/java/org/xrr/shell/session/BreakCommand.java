package org.xrr.shell.session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Iterator;
import java.util.concurrent.Callable;

/** {@code break KIND [ARG]}. */
@Command(name = "break", aliases = "b", description = {"Hold the replay at matching events: "
        + "break syscall NAME | cpuid LEAF[.SUBLEAF] | site ADDRESS | signal SIGNAL | event N | exec"})
final class BreakCommand implements Callable<Integer> {
    private final SessionContext context;

    @Parameters(index = "0", paramLabel = "KIND", completionCandidates = Kinds.class, description = "${COMPLETION-CANDIDATES}")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ARG")
    String arg;

    BreakCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Breakpoint b = context.require().addBreakpoint(kind, arg);
        context.out().println("breakpoint " + b.number() + ": " + b.description());
        context.out().flush();
        return 0;
    }

    /** The kinds, for help and completion. */
    static final class Kinds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Breakpoint.KINDS.iterator();
        }
    }
}
