package org.xrr.shell.trace;

import org.xrr.interposer.trace.EventKind;
import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.interposer.trace.TraceEvent;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Which events {@code xrr dump} lists. Each set left empty lets everything through; each one
 * given narrows the list, so {@code --syscall} keeps only syscalls.
 */
public record EventFilter(Set<EventKind> kinds, Set<Integer> syscalls, Set<Integer> tids) implements Predicate<TraceEvent> {
    public EventFilter {
        kinds = Set.copyOf(kinds);
        syscalls = Set.copyOf(syscalls);
        tids = Set.copyOf(tids);
    }

    @Override
    public boolean test(TraceEvent e) {
        return (kinds.isEmpty() || kinds.contains(e.kind()))
                && (tids.isEmpty() || tids.contains(e.tid()))
                && (syscalls.isEmpty() || e instanceof SyscallEvent s && syscalls.contains(s.number()));
    }
}
