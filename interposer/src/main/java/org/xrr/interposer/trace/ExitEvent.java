package org.xrr.interposer.trace;

/**
 * A thread ended.
 *
 * @param status the exit status, 0 to 255; 0 when a signal killed it
 * @param signal the signal that killed it, or 0 if it exited
 */
public record ExitEvent(int tid, int status, int signal) implements TraceEvent {
    public ExitEvent {
        Validation.tid(tid);
        if (status < 0 || status > 255) {
            throw new IllegalArgumentException("exit status " + status + " is not between 0 and 255");
        }
        if (signal < 0 || signal > 64) {
            throw new IllegalArgumentException("signal number " + signal + " is not between 0 and 64");
        }
    }

    public boolean killed() {
        return signal != 0;
    }

    @Override
    public EventKind kind() {
        return EventKind.EXIT;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.exit(this);
    }
}
