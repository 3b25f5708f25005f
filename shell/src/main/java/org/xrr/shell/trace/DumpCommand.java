package org.xrr.shell.trace;

import org.xrr.interposer.trace.EventKind;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TraceFormatException;
import org.xrr.interposer.trace.TraceReader;
import org.xrr.shell.Json;
import org.xrr.shell.UserError;
import org.xrr.shell.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code xrr dump}: the events of a trace, one per line. */
@Command(name = "dump", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List the events of a trace, one per line: index, thread, kind and what happened. "
                + "On a damaged or unfinished trace, lists the events that are intact, then says where reading failed.")
public final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceParameter trace;

    @Option(names = "--json", description = "Print one JSON object per line.")
    boolean json;

    @Option(names = "--kind", split = ",", paramLabel = "KIND", completionCandidates = KindNames.class,
            description = "Only events of these kinds: ${COMPLETION-CANDIDATES}.")
    List<EventKind> kinds = new ArrayList<>();

    @Option(names = "--syscall", split = ",", paramLabel = "SYSCALL",
            description = "Only these syscalls, by name or number.")
    List<String> syscalls = new ArrayList<>();

    @Option(names = "--tid", split = ",", paramLabel = "TID", description = "Only events of these threads.")
    List<Integer> tids = new ArrayList<>();

    private final SyscallNames names = new SyscallNames();

    @Override
    public Integer call() {
        EventFilter filter = new EventFilter(Set.copyOf(kinds), syscallNumbers(), Set.copyOf(tids));
        TraceDirectory dir = trace.open();
        PrintWriter out = spec.commandLine().getOut();
        EventText text = new EventText(names);
        EventJson jsonLines = new EventJson(names);
        try (TraceReader reader = dir.openEvents()) {
            while (true) {
                long index = reader.nextIndex();
                TraceEvent e = reader.next();
                if (e == null) {
                    break;
                }
                if (filter.test(e)) {
                    if (json) {
                        Json.printLine(jsonLines.of(index, e), out);
                    } else {
                        out.println(text.line(index, e));
                    }
                }
            }
        } catch (TraceFormatException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read " + dir.eventsFile() + ": " + e);
        } finally {
            out.flush();
        }
        return 0;
    }

    private Set<Integer> syscallNumbers() {
        Set<Integer> numbers = new HashSet<>();
        for (String s : syscalls) {
            if (s.matches("\\d{1,9}")) {
                numbers.add(Integer.parseInt(s));
            } else {
                numbers.add(names.number(s).orElseThrow(() -> new UserError("--syscall: '" + s
                        + "' is not an x86-64 syscall name this xrr knows; give its number")));
            }
        }
        return numbers;
    }

    /** The names {@code --kind} takes. */
    static final class KindNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(EventKind.values()).map(EventKind::label).iterator();
        }
    }
}
