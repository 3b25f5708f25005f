package org.xrr.shell.session;

import org.xrr.interposer.debug.Stop;
import org.xrr.shell.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** {@code continue [to N]}: runs to a breakpoint, event N, or the end. */
@Command(name = "continue", aliases = "c", description = "Run until a breakpoint, event N ('continue to N'), "
        + "a divergence or the end. Ctrl-C holds the replay at the next event.")
final class ContinueCommand implements Callable<Integer> {
    private final SessionContext context;

    @Parameters(arity = "0..2", paramLabel = "to N", description = "Stop at event N.")
    List<String> to = List.of();

    ContinueCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DebugSession s = context.require();
        Predicate<Stop> until = s2 -> false;
        if (!to.isEmpty()) {
            if (to.size() != 2 || !to.get(0).equals("to")) {
                throw new UserError("continue: expected 'continue' or 'continue to N'");
            }
            long n = Numbers.parse(to.get(1), "continue to");
            Stop here = s.replay().position();
            if (here != null && here.index() >= n) {
                throw new UserError("continue to " + n + ": the replay is at event " + here.index() + " already; 'seek " + n + "' goes back");
            }
            until = stop -> stop.index() == n;
        }
        s.run(until);
        return 0;
    }
}
