package org.xrr.interposer.replay;

import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.tracer.TaskHandle;

/**
 * Told of each event a replay matched, and of a divergence before the replay ends, on the tracer
 * thread with the task stopped: a listener may hold the replay there (and make ptrace calls, which
 * only that thread can) by not returning. Throwing ends the replay with every task killed.
 */
public interface ReplayListener {
    /**
     * @param index the event's index in the trace
     * @param task  the task that made it, stopped; null for a task's exit, when it is gone
     * @param regs  the registers the replay gives the task as it resumes; null where the tracer
     *              did not read them (a trap, an exit)
     */
    void matched(long index, TraceEvent event, TaskHandle task, Registers regs);

    /** The replay diverged; {@code task} and {@code regs} as for {@link #matched}. The divergence is thrown on return. */
    void diverged(Divergence divergence, TaskHandle task, Registers regs);
}
