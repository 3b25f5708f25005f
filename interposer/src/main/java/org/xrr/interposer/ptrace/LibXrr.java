package org.xrr.interposer.ptrace;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;

/**
 * native/libxrr (built with the project, found through {@code jna.library.path}). Every call
 * returns -errno on failure. Direct mapping: no reflection or allocation per call.
 */
public final class LibXrr {
    public static final int SPAWN_NO_ASLR = 1;
    public static final int SPAWN_SECCOMP = 2;
    /** A seccomp filter that stops every syscall at its entry (replay). */
    public static final int SPAWN_TRACE_ALL = 4;

    private static final Throwable LOAD_FAILURE;

    static {
        Throwable failure = null;
        try {
            Native.register(LibXrr.class, "xrr");
        } catch (UnsatisfiedLinkError e) {
            failure = e;
        }
        LOAD_FAILURE = failure;
    }

    private LibXrr() {
    }

    /** Throws a clear error when libxrr.so could not be loaded (xrr not built, or run outside its launcher). */
    public static void require() {
        if (LOAD_FAILURE != null) {
            throw new IllegalStateException("cannot load libxrr.so (native/target/lib; run xrr through its launcher or "
                    + "set jna.library.path): " + LOAD_FAILURE.getMessage());
        }
    }

    static native long xrr_ptrace(long request, long pid, long addr, long data);

    static native long xrr_peek(long pid, long addr, Pointer out);

    static native long xrr_waitpid(long pid, Pointer status, long options);

    static native long xrr_waitpid_timeout(long pid, Pointer status, long options, long timeoutNanos);

    static native long xrr_hash_memory(long pid, long addr, long len, long hash);

    static native long xrr_current_cpu();

    static native long xrr_get_affinity(Pointer mask, long count);

    static native long xrr_set_affinity(Pointer mask, long count);

    static native long xrr_kill(long pid, long sig);

    static native long xrr_tgkill(long pid, long tid, long sig);

    static native long xrr_pread(long fd, Pointer buf, long len, long offset);

    static native long xrr_open(String path, long flags);

    static native long xrr_close(long fd);

    static native long xrr_write(long fd, Pointer buf, long len);

    static native long xrr_spawn(String path, StringArray argv, StringArray envp, long flags, Pointer goFd, String in,
                                        String out, String err);

    static native void xrr_cpuid(int leaf, int subleaf, Pointer out);

    static native long xrr_xgetbv(int index, Pointer out);

    static native long xrr_rdtsc();

    static native long xrr_read_memory(long pid, long addr, byte[] buf, long len);

    static native long xrr_write_memory(long pid, long addr, byte[] buf, long len);

    /** The host's time-stamp counter. */
    public static long rdtsc() {
        return xrr_rdtsc();
    }

    /** The host's CPUID for (leaf, subleaf), into out[0..3]. */
    public static void cpuid(int leaf, int subleaf, int[] out) {
        require();
        try (Memory m = new Memory(16)) {
            xrr_cpuid(leaf, subleaf, m);
            m.read(0, out, 0, 4);
        }
    }

    /** The host's XGETBV(index), or -1 when the OS has not enabled XSAVE. */
    public static long xgetbv(int index) {
        require();
        try (Memory m = new Memory(8)) {
            return xrr_xgetbv(index, m) == 0 ? m.getLong(0) : -1;
        }
    }
}
