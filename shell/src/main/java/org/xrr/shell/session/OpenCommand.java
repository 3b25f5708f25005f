package org.xrr.shell.session;

import org.xrr.shell.trace.TraceParameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code replay TRACE} in the shell: opens a trace for stepping, positioned before its first event. */
@Command(name = "replay", description = "Open a trace for stepping, before its first event (closes the one open).")
final class OpenCommand implements Callable<Integer> {
    private final SessionContext context;

    @Mixin
    TraceParameter trace;

    OpenCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DebugSession s = context.open(trace.open());
        context.out().println("opened " + s.trace().path() + ": " + s.trace().header().argv()
                + "; step, next, continue, break, seek, or help");
        context.out().flush();
        return 0;
    }
}
