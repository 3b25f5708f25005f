package org.xrr.interposer.ptrace;

import com.sun.jna.Native;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Linux errno values: their names (ENOENT) both ways, and descriptions for messages. A tracer
 * sees results as negative errno values, including the kernel's own restart codes (512-516),
 * which a syscall-exit stop shows before signal handling turns them into EINTR or a restart.
 */
public final class Errno {
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ECHILD = 10;
    public static final int EFAULT = 14;
    public static final int ENODEV = 19;
    public static final int ENOSYS = 38;
    public static final int ERESTARTSYS = 512;
    public static final int ERESTARTNOINTR = 513;
    public static final int ERESTARTNOHAND = 514;
    public static final int ERESTART_RESTARTBLOCK = 516;

    /** Index = errno. 41 and 58 are unused: EWOULDBLOCK and EDEADLOCK are aliases of EAGAIN and EDEADLK. */
    private static final String[] NAMES = {
        null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF",
        "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",
        "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE",
        "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY",
        "ELOOP", null, "ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST", "ELNRNG", "EUNATCH",
        "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO", "EBADRQC", "EBADSLT", null, "EBFONT",
        "ENOSTR", "ENODATA", "ETIME", "ENOSR", "ENONET", "ENOPKG", "EREMOTE", "ENOLINK", "EADV", "ESRMNT",
        "ECOMM", "EPROTO", "EMULTIHOP", "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD", "EREMCHG", "ELIBACC",
        "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE", "EUSERS", "ENOTSOCK", "EDESTADDRREQ",
        "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT",
        "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL",
        "ENETDOWN", "ENETUNREACH", "ENETRESET", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN",
        "ESHUTDOWN", "ETOOMANYREFS",
        "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ESTALE", "EUCLEAN",
        "ENOTNAM", "ENAVAIL",
        "EISNAM", "EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED",
        "EKEYREVOKED", "EKEYREJECTED",
        "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON",
    };
    /** The kernel's internal codes that a syscall-exit stop can show, from ERESTARTSYS on. */
    private static final String[] KERNEL_NAMES = {
        "ERESTARTSYS", "ERESTARTNOINTR", "ERESTARTNOHAND", "ENOIOCTLCMD", "ERESTART_RESTARTBLOCK",
    };
    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    static {
        Native.register(Errno.class, "c");
        for (int e = 0; e < NAMES.length; e++) {
            if (NAMES[e] != null) {
                NUMBERS.put(NAMES[e], e);
            }
        }
        for (int i = 0; i < KERNEL_NAMES.length; i++) {
            NUMBERS.put(KERNEL_NAMES[i], ERESTARTSYS + i);
        }
    }

    private Errno() {
    }

    private static native String strerror(int errnum);

    /**
     * Whether a syscall result is one of the kernel's restart codes (-ERESTARTSYS to
     * -ERESTART_RESTARTBLOCK), which the kernel acts on as the call returns to user space.
     */
    public static boolean isRestart(long result) {
        return result >= -ERESTART_RESTARTBLOCK && result <= -ERESTARTSYS;
    }

    /** The symbolic name of a (positive) errno value, e.g. "ENOENT"; "errno N" for a value Linux does not define. */
    public static String name(int errno) {
        if (errno > 0 && errno < NAMES.length && NAMES[errno] != null) {
            return NAMES[errno];
        }
        if (errno >= ERESTARTSYS && errno < ERESTARTSYS + KERNEL_NAMES.length) {
            return KERNEL_NAMES[errno - ERESTARTSYS];
        }
        return "errno " + errno;
    }

    /** The value of a symbolic errno name ("ENOENT" gives 2). */
    public static OptionalInt number(String name) {
        Integer e = NUMBERS.get(name);
        return e == null ? OptionalInt.empty() : OptionalInt.of(e);
    }

    /** A failed call's result for a message, e.g. "No such process (ESRCH)". */
    public static String describe(long negativeErrno) {
        int e = (int) -negativeErrno;
        return strerror(e) + " (" + name(e) + ")";
    }
}
