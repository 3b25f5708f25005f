package org.xrr.shell.session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code seek N}: replays to event N without the program's output, from a restart when N is behind. */
@Command(name = "seek", description = "Go to event N, quietly and ignoring breakpoints: forwards from where the replay is, backwards by replaying from the start.")
final class SeekCommand implements Callable<Integer> {
    private final SessionContext context;

    @Parameters(paramLabel = "N")
    String index;

    SeekCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        long n = Numbers.parse(index, "seek");
        Counted.positive(n + 1, "seek");
        context.require().seek(n);
        return 0;
    }
}
