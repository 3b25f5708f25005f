package org.xrr.shell.session;

import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.shell.trace.EventText;
import org.xrr.shell.trace.SyscallNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code events [TERM...]}: the open trace's events that match a query. */
@Command(name = "events", description = "List the open trace's events matching every TERM: syscall=NAME[,NAME], "
        + "kind=KIND[,KIND], tid=N, path~REGEX, from=N, to=N. A path is an exec's or file mapping's file, or a syscall's "
        + "path argument, which path~ reads by replaying the trace. Example: events syscall=openat path~libc")
final class EventsCommand implements Callable<Integer> {
    private final SessionContext context;

    @Parameters(arity = "0..*", paramLabel = "TERM")
    List<String> terms = List.of();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Show at most N events (default ${DEFAULT-VALUE}).")
    long limit;

    EventsCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        EventQuery query = EventQuery.parse(terms);
        PrintWriter out = context.out();
        EventText text = new EventText(new SyscallNames());
        long matched = query.run(context.require().trace(), limit, (index, e, path) -> out.println(text.line(index, e)
                + (e instanceof SyscallEvent && path != null ? "  " + path : "")));
        if (matched > limit) {
            out.println("... " + (matched - limit) + " more; --limit N shows more");
        } else if (matched == 0) {
            out.println("no event matches");
        }
        out.flush();
        return 0;
    }
}
