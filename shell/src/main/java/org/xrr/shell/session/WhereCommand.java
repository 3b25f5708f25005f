package org.xrr.shell.session;

import org.xrr.interposer.debug.TaskInspector;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code where}: the symbolized RIP and the frames found by the frame-pointer chain. */
@Command(name = "where", aliases = "bt", description = "Show where the task is: RIP with its symbol, then a best-effort "
        + "backtrace through frame pointers (code built without them ends it early).")
final class WhereCommand implements Callable<Integer> {
    private final SessionContext context;

    WhereCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DebugSession s = context.require();
        String text = s.inspect(task -> {
            StringBuilder b = new StringBuilder("task " + task.tid() + " (process " + task.pid() + ")");
            for (TaskInspector.Frame f : task.backtrace()) {
                b.append(String.format("%n#%-2d 0x%016x in %s", f.number(), f.location().address(), f.location().describe()));
            }
            return b.toString();
        });
        context.out().println(s.where());
        context.out().println(text);
        context.out().flush();
        return 0;
    }
}
