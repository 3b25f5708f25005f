package org.xrr.shell.session;

import org.xrr.interposer.debug.Stop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code next [N]}: N events of the current task, passing over the other tasks' events. */
@Command(name = "next", aliases = "n", description = "Replay to the N-th next event (default 1) of the task that made the "
        + "current one, passing over other tasks' events; breakpoints stop it sooner.")
final class NextCommand implements Callable<Integer> {
    private final SessionContext context;

    @Parameters(arity = "0..1", paramLabel = "N", defaultValue = "1")
    long count;

    NextCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Counted.positive(count, "next");
        DebugSession s = context.require();
        Stop here = s.replay().position();
        long[] left = {count};
        s.run(stop -> (here == null || stop.event().tid() == here.event().tid()) && --left[0] == 0);
        return 0;
    }
}
