package org.xrr.interposer.ptrace;

/** A ptrace or wait call failed; the message names the call, the thread and the errno. */
public final class PtraceException extends RuntimeException {
    private final int errno;

    PtraceException(String call, int tid, long negativeErrno) {
        super(call + " on thread " + tid + ": " + Errno.describe(negativeErrno));
        this.errno = (int) -negativeErrno;
    }

    public int errno() {
        return errno;
    }

    /** The thread is gone (killed or exited between its stop and our request): not an error of xrr's. */
    public boolean threadGone() {
        return errno == Errno.ESRCH;
    }
}
