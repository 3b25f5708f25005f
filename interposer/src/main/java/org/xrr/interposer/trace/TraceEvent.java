package org.xrr.interposer.trace;

/**
 * One thing that happened in a recorded program, in the order the recorder saw it. Events are
 * immutable; every array they hold was copied when they were made and is copied again when read.
 */
public sealed interface TraceEvent
        permits SyscallEvent, TrapEvent, SignalEvent, CloneEvent, ExecEvent, ExitEvent, MappedFileEvent, PreemptionEvent {
    /** The thread the event happened on (the parent, for a {@link CloneEvent}). */
    int tid();

    EventKind kind();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of event, so that code handling events is checked to handle them all. */
    interface Visitor<R> {
        R syscall(SyscallEvent e);

        R trap(TrapEvent e);

        R signal(SignalEvent e);

        R clone(CloneEvent e);

        R exec(ExecEvent e);

        R exit(ExitEvent e);

        R mappedFile(MappedFileEvent e);

        R preemption(PreemptionEvent e);
    }
}
