package org.xrr.interposer.tracer;

import java.util.ArrayDeque;

/**
 * Which thread of a process may run user code: threads are serialized, one at a time, so that
 * the order of their events fixes every interleaving of their accesses to the memory they share.
 * The holder keeps the turn through its stops and short syscalls; it gives it up when it enters
 * a syscall that may block, when it is preempted, or when it dies. Other threads wait stopped,
 * each with the stop it reported, until the turn is theirs.
 */
final class ProcessTurn {
    /** The thread that may run user code, or null when none is. */
    Tracee holder;
    /** Threads stopped until they get the turn, oldest first. */
    final ArrayDeque<Tracee> waiting = new ArrayDeque<>();
    /** The process's live threads. */
    int threads;
    /** When the holder's time slice ends, in System.nanoTime() terms. */
    long sliceEnd;

    /** Whether {@code t} may go on now, as far as other threads are concerned. */
    boolean free(Tracee t) {
        return holder == null || holder == t;
    }

    void take(Tracee t, long sliceNanos) {
        if (holder != t) {
            holder = t;
            sliceEnd = System.nanoTime() + sliceNanos;
        }
    }

    void release(Tracee t) {
        if (holder == t) {
            holder = null;
        }
    }
}
