package org.xrr.interposer.replay;

import org.xrr.interposer.trace.CloneEvent;
import org.xrr.interposer.trace.ExitEvent;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TraceReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The trace's events, handed out per recorded task. Processes of a tree run side by side in
 * replay as they did in the recording, but since every input they share (pipes, files, time) is
 * emulated, each needs only its own events in its own order. Events read ahead for other tasks
 * wait in their queues.
 *
 * <p>Threads of one process share memory, so they take turns in the recorded order of their
 * events ({@link #isTurn}). Exits are the exception: the threads an exit_group ends die in any
 * order, so no thread waits for another's exit.
 */
final class EventQueue {
    private static final long CLONE_THREAD = 0x10000;
    private final TraceReader reader;
    private final Map<Integer, ArrayDeque<RecordedEvent>> waiting = new HashMap<>();
    /** Indices of the events read but not yet replayed. */
    private final TreeSet<Long> unreplayed = new TreeSet<>();
    /** The recorded process of each recorded task. */
    private final Map<Integer, Integer> processOf = new HashMap<>();
    /** Per recorded process, the indices of its events not yet replayed, exits left out. */
    private final Map<Integer, TreeSet<Long>> unreplayedOf = new HashMap<>();
    private long consumed;
    /** The events handed out since the last {@link #clearMatched}; null unless a listener wants them. */
    private final List<RecordedEvent> matched;

    EventQueue(TraceReader reader) {
        this(reader, false);
    }

    /** @param keepMatched keep the events handed out, for {@link #matched} */
    EventQueue(TraceReader reader, boolean keepMatched) {
        this.reader = reader;
        this.matched = keepMatched ? new ArrayList<>() : null;
    }

    /** The next event of recorded task {@code tid}, or null when the trace has no more for it. */
    RecordedEvent next(int tid) {
        RecordedEvent e = peek(tid);
        if (e != null) {
            waiting.get(tid).poll();
            unreplayed.remove(e.index());
            TreeSet<Long> left = unreplayedOf.get(processOf.get(tid));
            if (left != null) {
                left.remove(e.index());
            }
            consumed++;
            if (matched != null) {
                matched.add(e);
            }
        }
        return e;
    }

    /** How many events were handed out since {@link #clearMatched}; {@link #matched} gives them in order. */
    int matchedCount() {
        return matched.size();
    }

    RecordedEvent matched(int i) {
        return matched.get(i);
    }

    void clearMatched() {
        matched.clear();
    }

    RecordedEvent peek(int tid) {
        ArrayDeque<RecordedEvent> queue = waiting.get(tid);
        while (queue == null || queue.isEmpty()) {
            RecordedEvent read = read();
            if (read == null) {
                return null;
            }
            waiting.computeIfAbsent(read.event().tid(), t -> new ArrayDeque<>()).add(read);
            queue = waiting.get(tid);
        }
        return queue.peek();
    }

    /**
     * Whether {@code e}, the next event of recorded task {@code tid}, comes before every other
     * event of its process still to replay, exits aside.
     */
    boolean isTurn(int tid, RecordedEvent e) {
        TreeSet<Long> left = unreplayedOf.get(processOf.get(tid));
        return left == null || left.isEmpty() || left.first() >= e.index();
    }

    /** The first event no task consumed, by index; null when every event was replayed. */
    RecordedEvent firstUnconsumed() {
        for (RecordedEvent e = read(); e != null; e = read()) {
            waiting.computeIfAbsent(e.event().tid(), t -> new ArrayDeque<>()).add(e);
        }
        RecordedEvent first = null;
        for (ArrayDeque<RecordedEvent> queue : waiting.values()) {
            RecordedEvent e = queue.peek();
            if (e != null && (first == null || e.index() < first.index())) {
                first = e;
            }
        }
        return first;
    }

    /** Every event before this index has been replayed. */
    long replayedBefore() {
        return unreplayed.isEmpty() ? reader.nextIndex() : unreplayed.first();
    }

    long consumed() {
        return consumed;
    }

    private RecordedEvent read() {
        try {
            long index = reader.nextIndex();
            TraceEvent e = reader.next();
            if (e == null) {
                return null;
            }
            unreplayed.add(index);
            Integer process = processOf.computeIfAbsent(e.tid(), tid -> tid);
            if (e instanceof CloneEvent c) {
                processOf.put(c.childTid(), (c.flags() & CLONE_THREAD) != 0 ? process : c.childTid());
            }
            if (!(e instanceof ExitEvent)) {
                unreplayedOf.computeIfAbsent(process, p -> new TreeSet<>()).add(index);
            }
            return new RecordedEvent(index, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
