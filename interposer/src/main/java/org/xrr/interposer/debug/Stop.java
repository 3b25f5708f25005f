package org.xrr.interposer.debug;

import org.xrr.interposer.trace.TraceEvent;

/**
 * An event boundary of a replay: the event just matched, with its index in the trace, and the
 * real task that made it ({@code tid} and {@code pid} are -1 when the task is gone, after an exit).
 */
public record Stop(long index, TraceEvent event, int tid, int pid) {
}
