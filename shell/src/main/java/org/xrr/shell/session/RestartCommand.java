package org.xrr.shell.session;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code restart}: back before the first event. */
@Command(name = "restart", description = "Kill the replayed program and start again before the first event; breakpoints stay.")
final class RestartCommand implements Callable<Integer> {
    private final SessionContext context;

    RestartCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DebugSession s = context.require();
        s.restart();
        context.out().println("restarted: " + s.where());
        context.out().flush();
        return 0;
    }
}
