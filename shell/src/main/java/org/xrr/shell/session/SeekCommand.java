package org.xrr.shell.session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code seek N}: restarts and replays to event N without the program's output. */
@Command(name = "seek", description = "Replay from the start to event N, quietly, ignoring breakpoints; goes backwards too.")
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
