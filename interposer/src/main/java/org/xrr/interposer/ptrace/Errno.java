package org.xrr.interposer.ptrace;

import com.sun.jna.Native;

/** Names for errno values in messages. */
final class Errno {
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int ECHILD = 10;
    static final int ENODEV = 19;

    static {
        Native.register(Errno.class, "c");
    }

    private Errno() {
    }

    private static native String strerror(int errnum);

    static String describe(long negativeErrno) {
        int e = (int) -negativeErrno;
        return strerror(e) + " (errno " + e + ")";
    }
}
