package org.xrr.shell.session;

import org.xrr.shell.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code delete [N...]}. */
@Command(name = "delete", aliases = "d", description = "Delete the numbered breakpoints, or all of them.")
final class DeleteCommand implements Callable<Integer> {
    private final SessionContext context;

    @Parameters(arity = "0..*", paramLabel = "N")
    List<Integer> numbers = List.of();

    DeleteCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DebugSession s = context.require();
        if (numbers.isEmpty()) {
            s.deleteBreakpoints();
            context.out().println("deleted every breakpoint");
        }
        for (int n : numbers) {
            if (!s.deleteBreakpoint(n)) {
                throw new UserError("delete: no breakpoint " + n);
            }
            context.out().println("deleted breakpoint " + n);
        }
        context.out().flush();
        return 0;
    }
}
