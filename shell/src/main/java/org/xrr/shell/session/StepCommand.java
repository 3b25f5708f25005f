package org.xrr.shell.session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code step [N]}: N events of any task. */
@Command(name = "step", aliases = "s", description = "Replay N events (default 1), of any task; breakpoints stop it sooner.")
final class StepCommand implements Callable<Integer> {
    private final SessionContext context;

    @Parameters(arity = "0..1", paramLabel = "N", defaultValue = "1")
    long count;

    StepCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Counted.positive(count, "step");
        long[] left = {count};
        context.require().run(stop -> --left[0] == 0);
        return 0;
    }
}
