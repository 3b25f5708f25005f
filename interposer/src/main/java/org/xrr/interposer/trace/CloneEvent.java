package org.xrr.interposer.trace;

import java.util.Objects;

/**
 * A new process or thread.
 *
 * @param tid      the thread that created it
 * @param flags    the clone flags (for fork and vfork, the flags they imply)
 * @param childTid the new thread's id
 */
public record CloneEvent(int tid, CloneKind how, long flags, int childTid) implements TraceEvent {
    public CloneEvent {
        Validation.tid(tid);
        Objects.requireNonNull(how);
        Validation.tid(childTid);
    }

    @Override
    public EventKind kind() {
        return EventKind.CLONE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.clone(this);
    }
}
