package org.xrr.shell.session;

import org.xrr.interposer.syscall.SyscallTable;
import org.xrr.interposer.trace.EventKind;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TraceException;
import org.xrr.interposer.trace.TraceReader;
import org.xrr.shell.UserError;
import org.xrr.shell.trace.EventFilter;

import org.xrr.interposer.debug.ReplayState;
import org.xrr.interposer.debug.SteppableReplay;
import org.xrr.interposer.debug.Stop;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.shell.XdgDirectories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A query over a trace's events, as {@code events} takes it: terms such as {@code syscall=openat,read},
 * {@code kind=trap}, {@code tid=4242}, {@code path~libc}, {@code from=100} and {@code to=200} (event
 * indices). Every term must hold. A path is the file an exec or a file mapping names, or the path
 * argument of a syscall: the trace does not hold those, so {@code path~} replays the trace to read
 * them from the program's memory.
 */
public record EventQuery(EventFilter filter, Pattern path, long from, long to) {
    /** An event the query matched, with its path where it has one (else null). */
    @FunctionalInterface
    public interface Match {
        void accept(long index, TraceEvent event, String path);
    }

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

    /** Whether every term but {@code path~} holds. */
    private boolean matchesWithoutPath(long index, TraceEvent e) {
        return index >= from && index <= to && filter.test(e);
    }

    private boolean matchesPath(String named) {
        return path == null || named != null && path.matcher(named).find();
    }

    /**
     * Gives {@code each} the matching events in index order, until it has had {@code limit};
     * returns how many matched in all.
     */
    public long run(TraceDirectory trace, long limit, Match each) {
        return path == null ? read(trace, limit, each) : replay(trace, limit, each);
    }

    private long read(TraceDirectory trace, long limit, Match each) {
        long matched = 0;
        try (TraceReader reader = trace.openEvents()) {
            while (reader.nextIndex() <= to) {
                long index = reader.nextIndex();
                TraceEvent e = reader.next();
                if (e == null) {
                    break;
                }
                if (matchesWithoutPath(index, e) && matched++ < limit) {
                    each.accept(index, e, EventPaths.file(e));
                }
            }
        } catch (TraceException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read " + trace.eventsFile() + ": " + e);
        }
        return matched;
    }

    /** The query with {@code path~}: a quiet replay, held at each candidate event to read its path. */
    private long replay(TraceDirectory trace, long limit, Match each) {
        TreeMap<Long, Matched> found = new TreeMap<>();
        try (SteppableReplay replay = new SteppableReplay(trace, XdgDirectories.siteCache(),
                new FileIdentities(XdgDirectories.fileHashes()), null, null)) {
            Predicate<Stop> candidate = s -> matchesWithoutPath(s.index(), s.event()) && EventPaths.names(s.event());
            while (replay.resume(candidate) == ReplayState.PAUSED) {
                Stop s = replay.position();
                String named = EventPaths.at(replay);
                if (matchesPath(named)) {
                    found.put(s.index(), new Matched(s.event(), named));
                }
            }
            if (replay.failure() != null) {
                throw new UserError("events: the replay that reads paths failed: " + replay.failure().getMessage());
            }
            if (replay.divergence() != null) {
                throw new UserError("events: the replay that reads paths diverged: " + replay.divergence().getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage());
        }
        long shown = 0;
        for (Map.Entry<Long, Matched> m : found.entrySet()) {
            if (shown++ < limit) {
                each.accept(m.getKey(), m.getValue().event(), m.getValue().path());
            }
        }
        return found.size();
    }

    private record Matched(TraceEvent event, String path) {
    }
}
