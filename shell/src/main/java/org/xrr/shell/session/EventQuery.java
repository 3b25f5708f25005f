package org.xrr.shell.session;

import org.xrr.interposer.syscall.SyscallTable;
import org.xrr.interposer.trace.EventKind;
import org.xrr.interposer.trace.ExecEvent;
import org.xrr.interposer.trace.MappedFileEvent;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TraceException;
import org.xrr.interposer.trace.TraceReader;
import org.xrr.shell.UserError;
import org.xrr.shell.trace.EventFilter;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A query over a trace's events, as {@code events} takes it: terms such as {@code syscall=openat,read},
 * {@code kind=trap}, {@code tid=4242}, {@code path~libc} (the file an exec or a file mapping names),
 * {@code from=100} and {@code to=200} (event indices). Every term must hold.
 */
public record EventQuery(EventFilter filter, Pattern path, long from, long to) {
    /** The terms, for help and completion. */
    public static final List<String> TERMS = List.of("syscall=", "kind=", "tid=", "path~", "from=", "to=");

    public static EventQuery parse(List<String> terms) {
        Set<EventKind> kinds = new HashSet<>();
        Set<Integer> syscalls = new HashSet<>();
        Set<Integer> tids = new HashSet<>();
        Pattern path = null;
        long from = 0;
        long to = Long.MAX_VALUE;
        for (String term : terms) {
            int tilde = term.indexOf('~');
            int eq = term.indexOf('=');
            if (tilde > 0 && (eq < 0 || tilde < eq) && term.substring(0, tilde).equals("path")) {
                try {
                    path = Pattern.compile(term.substring(tilde + 1));
                } catch (PatternSyntaxException e) {
                    throw new UserError("events: path~: not a regular expression: " + e.getDescription());
                }
                continue;
            }
            if (eq <= 0) {
                throw new UserError("events: '" + term + "' is not a term; terms: " + String.join(" ", TERMS));
            }
            String key = term.substring(0, eq);
            String value = term.substring(eq + 1);
            switch (key) {
                case "syscall" -> {
                    for (String name : value.split(",")) {
                        syscalls.add(SyscallTable.number(name)
                                .orElseThrow(() -> new UserError("events: '" + name + "' is not an x86-64 syscall name")));
                    }
                }
                case "kind" -> {
                    for (String k : value.split(",")) {
                        try {
                            kinds.add(EventKind.valueOf(k.toUpperCase(Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            throw new UserError("events: no event kind '" + k + "'");
                        }
                    }
                }
                case "tid" -> {
                    for (String t : value.split(",")) {
                        tids.add((int) Numbers.parse(t, "events: tid"));
                    }
                }
                case "from" -> from = Numbers.parse(value, "events: from");
                case "to" -> to = Numbers.parse(value, "events: to");
                default -> throw new UserError("events: no term '" + key + "'; terms: " + String.join(" ", TERMS));
            }
        }
        return new EventQuery(new EventFilter(kinds, syscalls, tids), path, from, to);
    }

    public boolean test(long index, TraceEvent e) {
        if (index < from || index > to || !filter.test(e)) {
            return false;
        }
        if (path == null) {
            return true;
        }
        String named = e instanceof ExecEvent x ? x.path() : e instanceof MappedFileEvent m ? m.file().path() : null;
        return named != null && path.matcher(named).find();
    }

    /** Gives {@code each} the matching events in order, until it has had {@code limit}; returns how many matched in all. */
    public long run(TraceDirectory trace, long limit, BiConsumer<Long, TraceEvent> each) {
        long matched = 0;
        try (TraceReader reader = trace.openEvents()) {
            while (reader.nextIndex() <= to) {
                long index = reader.nextIndex();
                TraceEvent e = reader.next();
                if (e == null) {
                    break;
                }
                if (test(index, e) && matched++ < limit) {
                    each.accept(index, e);
                }
            }
        } catch (TraceException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read " + trace.eventsFile() + ": " + e);
        }
        return matched;
    }
}
