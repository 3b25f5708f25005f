package org.xrr.shell.session;

import org.xrr.shell.trace.TraceParameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code replay TRACE} in the shell: opens a trace for stepping, positioned before its first event. */
@Command(name = "replay", description = "Open a trace for stepping, before its first event (closes the one open).")
final class OpenCommand implements Callable<Integer> {
    private final SessionContext context;

    @Mixin
    TraceParameter trace;

    @Option(names = {"-q", "--quiet"}, description = "Do not show the program's output as it replays.")
    boolean quiet;

    OpenCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DebugSession s = context.open(trace.open(), !quiet);
        context.out().println("opened " + s.trace().path() + ": " + s.trace().header().argv()
                + "; step, next, continue, break, seek, or help");
        context.out().flush();
        return 0;
    }
}
