package org.xrr.interposer.ptrace;

import com.sun.jna.Memory;

/**
 * Binds the calling thread, and the tracees it spawns, to the CPU it runs on, for as long as a
 * session lasts. A session that stops at every syscall switches between tracer and tracee
 * twice per syscall; on one CPU each switch is a plain context switch, while across two CPUs
 * each one wakes the other CPU, which in a virtual machine is an interrupt through the
 * hypervisor. The tracees gain nothing from a second CPU anyway: a stopped tracee waits for
 * the tracer, and the tracer for it.
 */
public final class CpuBinding implements AutoCloseable {
    /** Room for 1024 CPUs, the kernel's default cpumask size. */
    private static final int MASK_BYTES = 128;

    private final Memory previous;

    private CpuBinding(Memory previous) {
        this.previous = previous;
    }

    /**
     * Binds the calling thread to its current CPU. Where the kernel refuses (a restricted cpuset),
     * the session runs unbound: binding saves time, it changes nothing a tracee sees.
     */
    public static CpuBinding bindToCurrentCpu() {
        LibXrr.require();
        Memory mask = new Memory(MASK_BYTES);
        if (LibXrr.xrr_get_affinity(mask, MASK_BYTES) < 0 || LibXrr.xrr_bind_to_current_cpu() < 0) {
            return new CpuBinding(null);
        }
        return new CpuBinding(mask);
    }

    /** Lets the thread run on the CPUs it could use before. */
    @Override
    public void close() {
        if (previous != null) {
            LibXrr.xrr_set_affinity(previous, MASK_BYTES);
            previous.close();
        }
    }
}
