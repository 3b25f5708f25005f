package org.xrr.interposer.syscall;

/**
 * Sizes in bytes of what the x86-64 kernel writes into user memory, and the kernel's own limits
 * on counts. These are the kernel's structures, which are not always the C library's: TCGETS
 * writes the kernel's struct termios (36 bytes), not glibc's (60).
 */
final class AbiSizes {
    static final int INT = 4;
    static final int LONG = 8;
    /** Two ints: pipe, pipe2 and socketpair's descriptors, getcpu's cpu and node... */
    static final int INT_PAIR = 8;
    static final int STAT = 144;
    static final int STATX = 256;
    static final int STATFS = 120;
    static final int TIMESPEC = 16;
    static final int TIMEVAL = 16;
    static final int TIMEZONE = 8;
    /** struct itimerval and struct itimerspec: two timevals or two timespecs. */
    static final int ITIMER = 32;
    static final int RUSAGE = 144;
    static final int UTSNAME = 390;
    static final int SYSINFO = 112;
    static final int TMS = 32;
    static final int RLIMIT = 16;
    /** The kernel's sigset_t; rt_sigaction and rt_sigprocmask refuse any other sigsetsize. */
    static final int SIGSET = 8;
    /** The kernel's struct sigaction: handler, flags, restorer, mask. */
    static final int SIGACTION = 32;
    static final int SIGINFO = 128;
    /** waitid writes siginfo's fields up to si_status (signo, errno, code, pid, uid, status), not the whole struct. */
    static final int WAITID_SIGINFO = 28;
    static final int STACK_T = 24;
    /** struct epoll_event is packed on x86-64. */
    static final int EPOLL_EVENT = 12;
    static final int POLLFD = 8;
    static final int IOVEC = 16;
    static final int MSGHDR = 56;
    static final int MMSGHDR = 64;
    static final int SOCKADDR_STORAGE = 128;
    static final int TERMIOS = 36;
    static final int TERMIOS2 = 44;
    static final int WINSIZE = 8;
    static final int FLOCK = 32;
    static final int F_OWNER_EX = 8;
    static final int TASK_COMM = 16;

    /** UIO_MAXIOV: the kernel refuses more iovecs (and caps recvmmsg/sendmmsg's vlen there). */
    static final int MAX_IOVECS = 1024;
    /** fs.nr_open's default ceiling: poll and select cannot be given more descriptors than a process may open. */
    static final int MAX_FDS = 1 << 20;
    /**
     * A sanity bound on lengths the kernel writes back (control messages, socket options): real
     * ones are far smaller (SCM_RIGHTS carries at most 253 descriptors).
     */
    static final int MAX_WRITTEN_BACK_LENGTH = 1 << 20;

    private AbiSizes() {
    }
}
