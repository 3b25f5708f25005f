package org.xrr.interposer.trace;

import org.xrr.interposer.ptrace.Ptrace;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A signal delivered to a thread.
 *
 * @param signal  the signal number
 * @param siginfo the siginfo_t the thread received, {@value Ptrace#SIGINFO_SIZE} bytes
 * @param memory  what the kernel wrote to deliver it: the signal frame on the handler's stack; empty if none
 */
public record SignalEvent(int tid, int signal, byte[] siginfo, SignalOutcome outcome, List<MemoryWrite> memory)
        implements TraceEvent {
    public SignalEvent {
        Validation.tid(tid);
        if (signal < 1 || signal > 64) {
            throw new IllegalArgumentException("signal number " + signal + " is not between 1 and 64");
        }
        Validation.length("siginfo", siginfo.length, Ptrace.SIGINFO_SIZE);
        siginfo = siginfo.clone();
        Objects.requireNonNull(outcome);
        memory = List.copyOf(memory);
    }

    /** A copy of the siginfo. */
    @Override
    public byte[] siginfo() {
        return siginfo.clone();
    }

    /** The siginfo itself, for the encoder, which only reads it. */
    byte[] sharedSiginfo() {
        return siginfo;
    }

    @Override
    public EventKind kind() {
        return EventKind.SIGNAL;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.signal(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignalEvent e && tid == e.tid && signal == e.signal && Arrays.equals(siginfo, e.siginfo)
                && outcome == e.outcome && memory.equals(e.memory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tid, signal, Arrays.hashCode(siginfo), outcome, memory);
    }

    @Override
    public String toString() {
        return "SignalEvent[tid=" + tid + ", signal=" + signal + ", outcome=" + outcome + ", memory=" + memory + "]";
    }
}
