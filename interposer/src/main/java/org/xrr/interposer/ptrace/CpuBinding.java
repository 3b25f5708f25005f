package org.xrr.interposer.ptrace;

import com.sun.jna.Memory;

import java.util.HashSet;
import java.util.Set;

/**
 * Binds the calling thread, and the tracees it spawns, to one CPU for as long as a session
 * lasts, as rr does. A session that stops at every syscall switches between tracer and tracee
 * twice per syscall; on one CPU each switch is a plain context switch, while across two CPUs
 * each ptrace request waits for the tracee to leave the other CPU, and each wake-up is an
 * interrupt through the hypervisor in a virtual machine (on this project's machines, recording
 * {@code find /usr/lib} took 5.5 s bound against 7.7-9.3 s unbound). The threads of a recorded
 * process take turns anyway; separate processes of a tree lose their parallelism. Sessions that
 * run side by side in one JVM (a hunt) each get a CPU of their own.
 *
 * <p>What a tracee sees of it: {@code sched_getaffinity} is answered with the CPUs the tracer
 * could use before ({@link #showUnbound}); {@code /proc/self/status} still shows the one CPU.
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
     * the session runs unbound: binding only saves time.
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

    /**
     * After a tracee's {@code sched_getaffinity} wrote {@code length} bytes of mask at
     * {@code address}: if that is the binding's own single CPU, writes the CPUs the tracer could
     * use before in its place, so that the program sizes its thread pools as it would unbound.
     * A mask the program chose itself (with sched_setaffinity) is left as it is.
     */
    public void showUnbound(int tid, long address, int length) {
        if (previous == null || length <= 0 || length > MASK_BYTES) {
            return;
        }
        byte[] shown = new byte[length];
        if (!TaskMemory.read(tid, address, shown, length)) {
            return;
        }
        byte[] bound = new byte[length];
        if (cpu / 8 < length) {
            bound[cpu / 8] = (byte) (1 << (cpu % 8));
        }
        if (java.util.Arrays.equals(shown, bound)) {
            TaskMemory.writeAsTask(tid, address, previous.getByteArray(0, length), length);
        }
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
