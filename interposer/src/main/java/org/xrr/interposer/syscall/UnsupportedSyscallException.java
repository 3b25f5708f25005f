package org.xrr.interposer.syscall;

/**
 * The recorder met a call it cannot record: "unsupported syscall 'io_uring_setup' (425) at pid
 * 123, rip 0x7ffff7e9a2bd", or "unsupported ioctl request 0x5412 (_IO('T', 0x12)) of syscall
 * 'ioctl' (16) at ...".
 */
public final class UnsupportedSyscallException extends RuntimeException {
    private final int pid;
    private final long rip;

    public UnsupportedSyscallException(String what, int pid, long rip) {
        super("unsupported " + what + " at pid " + pid + ", rip 0x" + Long.toHexString(rip));
        this.pid = pid;
        this.rip = rip;
    }

    public int pid() {
        return pid;
    }

    public long rip() {
        return rip;
    }
}
