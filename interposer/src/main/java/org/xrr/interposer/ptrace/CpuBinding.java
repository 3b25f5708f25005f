package org.xrr.interposer.ptrace;

import com.sun.jna.Memory;

import java.util.HashSet;
import java.util.Set;

/**
 * Binds the calling thread, and the tracees it spawns, to one CPU for as long as a session
 * lasts. A session that stops at every syscall switches between tracer and tracee twice per
 * syscall; on one CPU each switch is a plain context switch, while across two CPUs each one
 * wakes the other CPU, which in a virtual machine is an interrupt through the hypervisor. The
 * tracees gain nothing from a second CPU: a stopped tracee waits for the tracer, and the tracer
 * for it. Sessions that run side by side in one JVM (a hunt) each get a CPU of their own.
 */
public final class CpuBinding implements AutoCloseable {
    /** Room for 1024 CPUs, the kernel's default cpumask size. */
    private static final int MASK_BYTES = 128;
    /** The CPUs that sessions of this JVM are bound to now. */
    private static final Set<Integer> CLAIMED = new HashSet<>();

    private final Memory previous;
    private final int cpu;

    private CpuBinding(Memory previous, int cpu) {
        this.previous = previous;
        this.cpu = cpu;
    }

    /**
     * Binds the calling thread to its current CPU, or to another one it may use if a session
     * already holds that one. Where no CPU is free or the kernel refuses (a restricted cpuset),
     * the session runs unbound: binding saves time, it changes nothing a tracee sees.
     */
    public static CpuBinding bindToCurrentCpu() {
        LibXrr.require();
        Memory allowed = new Memory(MASK_BYTES);
        long current = LibXrr.xrr_current_cpu();
        if (LibXrr.xrr_get_affinity(allowed, MASK_BYTES) < 0 || current < 0) {
            return new CpuBinding(null, -1);
        }
        synchronized (CLAIMED) {
            int cpu = choose(allowed, (int) current);
            if (cpu < 0) {
                return new CpuBinding(null, -1);
            }
            try (Memory one = new Memory(MASK_BYTES)) {
                one.clear();
                one.setByte(cpu / 8, (byte) (1 << (cpu % 8)));
                if (LibXrr.xrr_set_affinity(one, MASK_BYTES) < 0) {
                    return new CpuBinding(null, -1);
                }
            }
            CLAIMED.add(cpu);
            return new CpuBinding(allowed, cpu);
        }
    }

    private static int choose(Memory allowed, int current) {
        if (isSet(allowed, current) && !CLAIMED.contains(current)) {
            return current;
        }
        for (int cpu = 0; cpu < MASK_BYTES * 8; cpu++) {
            if (isSet(allowed, cpu) && !CLAIMED.contains(cpu)) {
                return cpu;
            }
        }
        return -1;
    }

    private static boolean isSet(Memory mask, int cpu) {
        return cpu >= 0 && cpu < MASK_BYTES * 8 && (mask.getByte(cpu / 8) & (1 << (cpu % 8))) != 0;
    }

    /** The CPU the session is bound to, or -1 when it runs unbound. */
    public int cpu() {
        return cpu;
    }

    /** Lets the thread run on the CPUs it could use before. */
    @Override
    public void close() {
        if (previous != null) {
            LibXrr.xrr_set_affinity(previous, MASK_BYTES);
            previous.close();
            synchronized (CLAIMED) {
                CLAIMED.remove(cpu);
            }
        }
    }
}
