package org.xrr.shell.session;

import org.xrr.disasm.process.Mapping;
import org.xrr.interposer.debug.ReplayState;
import org.xrr.interposer.debug.Stop;
import org.xrr.interposer.trace.TraceHeader;
import org.xrr.interposer.trace.TrapEvent;
import org.xrr.shell.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code info breakpoints|threads|mappings|model|trace|sites}. */
@Command(name = "info", description = "Show the breakpoints, the replayed threads, the current process's mappings, the "
        + "CPU model, the trace's header, or the trapped instruction sites of the trace.")
public final class InfoCommand implements Callable<Integer> {
    public static final List<String> TOPICS = List.of("breakpoints", "threads", "mappings", "model", "trace", "sites");
    private final SessionContext context;

    @Parameters(paramLabel = "TOPIC", completionCandidates = Topics.class, description = "${COMPLETION-CANDIDATES}")
    String topic;

    InfoCommand(SessionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DebugSession s = context.require();
        PrintWriter out = context.out();
        switch (topic) {
            case "breakpoints" -> {
                if (s.breakpoints().isEmpty()) {
                    out.println("no breakpoints");
                }
                s.breakpoints().forEach(b -> out.println(b.number() + "  " + b.description()));
            }
            case "threads" -> threads(s, out);
            case "mappings" -> {
                List<Mapping> maps = s.inspect(task -> task.mappings());
                for (Mapping m : maps) {
                    out.printf("0x%012x-0x%012x %s %8x %s%n", m.start(), m.end(), m.perms(), m.offset(), m.name());
                }
            }
            case "model" -> ModelCommand.print(s.trace().header(), false, out);
            case "trace" -> trace(s.trace().header(), s, out);
            case "sites" -> sites(s, out);
            default -> throw new UserError("info: no topic '" + topic + "'; topics: " + String.join(", ", TOPICS));
        }
        out.flush();
        return 0;
    }

    private static void threads(DebugSession s, PrintWriter out) {
        Stop here = s.replay().position();
        Map<Integer, Integer> tasks = s.replay().tasks();
        if (tasks.isEmpty()) {
            out.println("no task is running");
        }
        tasks.forEach((recorded, real) -> out.println((here != null && here.tid() == real ? "* " : "  ") + "task " + real
                + " (recorded as " + recorded + ")"));
    }

    private static void trace(TraceHeader h, DebugSession s, PrintWriter out) {
        out.println("trace:       " + s.trace().path());
        out.println("program:     " + h.executable() + " " + h.argv());
        out.println("directory:   " + h.workingDirectory());
        out.println("recorded:    " + h.created() + " by xrr " + h.xrrVersion() + " on Linux " + h.kernel() + ", glibc " + h.glibc());
        out.println("options:     " + (h.recordOptions().isEmpty() ? "(none)" : String.join(" ", h.recordOptions())));
        out.println("presented:   " + h.presentedCpu().vendor() + ", XCR0 0x" + Long.toHexString(h.presentedCpu().xcr0()));
        out.println("position:    " + s.where() + ", " + s.replay().matched() + " events replayed");
    }

    /** Each trapped site of the trace with its count, named in the current process when one is held. */
    private static void sites(DebugSession s, PrintWriter out) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> rips = new LinkedHashMap<>();
        EventQuery.parse(List.of("kind=trap")).run(s.trace(), Long.MAX_VALUE, (i, e, path) -> {
                    TrapEvent t = (TrapEvent) e;
                    String key = t.site().mnemonic() + " 0x" + Long.toHexString(t.rip());
                    counts.merge(key, 1L, Long::sum);
                    rips.put(key, t.rip());
                });
        if (counts.isEmpty()) {
            out.println("the trace has no trapped instructions");
            return;
        }
        boolean held = s.replay().state() == ReplayState.PAUSED;
        Map<String, String> names = held ? s.inspect(task -> {
            Map<String, String> n = new LinkedHashMap<>();
            rips.forEach((k, rip) -> n.put(k, task.locate(rip).describe()));
            return n;
        }) : Map.of();
        counts.forEach((k, n) -> out.printf("%-28s %6d trap(s)%s%n", k, n, names.containsKey(k) ? "  " + names.get(k) : ""));
    }

    static final class Topics implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TOPICS.iterator();
        }
    }
}
