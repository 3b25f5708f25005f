package org.xrr.interposer.tracer;

import org.xrr.disasm.x86.SiteKind;

/** What the interposer did during one run: counters only, so updating them costs nothing. */
public final class RunStats {
    final long[] traps = new long[SiteKind.values().length];
    long cpuidFaults;
    long sitesPatched;
    long sitesRewritten;
    long scanNanos;
    long stops;
    long processes;
    long foreignProcesses;
    long wallNanos;

    public long traps(SiteKind kind) {
        return traps[kind.ordinal()];
    }

    /** CPUIDs answered through the kernel's CPUID faulting rather than an int3 site. */
    public long cpuidFaults() {
        return cpuidFaults;
    }

    public long sitesPatched() {
        return sitesPatched;
    }

    /** XSAVE-family sites that jump to a trampoline instead of trapping. */
    public long sitesRewritten() {
        return sitesRewritten;
    }

    public long scanNanos() {
        return scanNanos;
    }

    /** Every ptrace stop the run took, of any kind. */
    public long stops() {
        return stops;
    }

    public long processes() {
        return processes;
    }

    /** Processes that ran 32-bit code, which xrr does not interpose on: they saw the host's CPU. */
    public long foreignProcesses() {
        return foreignProcesses;
    }

    /** From the spawn of the program to the exit of its last process. */
    public long wallNanos() {
        return wallNanos;
    }
}
