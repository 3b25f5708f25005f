package org.xrr.interposer.syscall;

import static org.xrr.interposer.syscall.AbiSizes.F_OWNER_EX;
import static org.xrr.interposer.syscall.AbiSizes.FLOCK;
import static org.xrr.interposer.syscall.AbiSizes.INT;
import static org.xrr.interposer.syscall.AbiSizes.INT_PAIR;
import static org.xrr.interposer.syscall.AbiSizes.LONG;
import static org.xrr.interposer.syscall.AbiSizes.TASK_COMM;
import static org.xrr.interposer.syscall.AbiSizes.TERMIOS;
import static org.xrr.interposer.syscall.AbiSizes.TERMIOS2;
import static org.xrr.interposer.syscall.AbiSizes.WINSIZE;
import static org.xrr.interposer.syscall.Output.fixed;

/**
 * The sub-commands of ioctl, fcntl, prctl, arch_prctl and futex: the part of {@link SyscallTable}
 * that depends on an argument. A sub-command missing here is unsupported; the ones listed as
 * unsupported are named so that the recorder's error can say which it met.
 */
final class SubcommandTables {
    /**
     * ioctl(fd, request, arg): what the corpus's programs ask of terminals, pipes and files
     * (isatty, the window size, job control, FIOCLEX), and their close relatives. Outputs go to arg.
     * Request numbers are per driver, but these are the generic tty and VFS ones.
     */
    static final SubcommandTable IOCTL = SubcommandTable.builder(SubcommandKind.IOCTL_REQUEST, 1, 0)
            .add(0x2, "FIGETBSZ", fixed(2, INT))
            .add(0x5401, "TCGETS", fixed(2, TERMIOS))
            .add(0x5402, "TCSETS")
            .add(0x5403, "TCSETSW")
            .add(0x5404, "TCSETSF")
            .add(0x5409, "TCSBRK")
            .add(0x540a, "TCXONC")
            .add(0x540b, "TCFLSH")
            .add(0x540e, "TIOCSCTTY")
            .add(0x540f, "TIOCGPGRP", fixed(2, INT))
            .add(0x5410, "TIOCSPGRP")
            .add(0x5411, "TIOCOUTQ", fixed(2, INT))
            // Pushes bytes into a terminal's input, where other processes read them.
            .unsupported(0x5412, "TIOCSTI")
            .add(0x5413, "TIOCGWINSZ", fixed(2, WINSIZE))
            .add(0x5414, "TIOCSWINSZ")
            .add(0x541b, "FIONREAD", fixed(2, INT))
            .add(0x5421, "FIONBIO")
            .add(0x5422, "TIOCNOTTY")
            .add(0x5429, "TIOCGSID", fixed(2, INT))
            .add(0x5441, "TIOCGPTPEER")
            .add(0x5450, "FIONCLEX")
            .add(0x5451, "FIOCLEX")
            .add(0x5452, "FIOASYNC")
            .add(0x402c542bL, "TCSETS2")
            .add(0x402c542cL, "TCSETSW2")
            .add(0x402c542dL, "TCSETSF2")
            .add(0x40045431L, "TIOCSPTLCK")
            .add(0x40049409L, "FICLONE")
            // Declared _IOR(..., long) but the kernel writes an int.
            .add(0x80086601L, "FS_IOC_GETFLAGS", fixed(2, INT))
            .add(0x80045430L, "TIOCGPTN", fixed(2, INT))
            .add(0x802c542aL, "TCGETS2", fixed(2, TERMIOS2))
            .build();

    /**
     * fcntl(fd, cmd, arg): every command Linux has. Only the lock queries and a few getters write,
     * through the pointer in arg; the rest return their answer or write nothing.
     */
    static final SubcommandTable FCNTL = SubcommandTable.builder(SubcommandKind.FCNTL_COMMAND, 1, 0)
            .add(0, "F_DUPFD")
            .add(1, "F_GETFD")
            .add(2, "F_SETFD")
            .add(3, "F_GETFL")
            .add(4, "F_SETFL")
            .add(5, "F_GETLK", fixed(2, FLOCK))
            .add(6, "F_SETLK")
            .add(7, "F_SETLKW")
            .add(8, "F_SETOWN")
            .add(9, "F_GETOWN")
            .add(10, "F_SETSIG")
            .add(11, "F_GETSIG")
            .add(15, "F_SETOWN_EX")
            .add(16, "F_GETOWN_EX", fixed(2, F_OWNER_EX))
            .add(17, "F_GETOWNER_UIDS", fixed(2, INT_PAIR))
            .add(36, "F_OFD_GETLK", fixed(2, FLOCK))
            .add(37, "F_OFD_SETLK")
            .add(38, "F_OFD_SETLKW")
            .add(1024, "F_SETLEASE")
            .add(1025, "F_GETLEASE")
            .add(1026, "F_NOTIFY")
            .add(1027, "F_DUPFD_QUERY")
            .add(1028, "F_CREATED_QUERY")
            .add(1030, "F_DUPFD_CLOEXEC")
            .add(1031, "F_SETPIPE_SZ")
            .add(1032, "F_GETPIPE_SZ")
            .add(1033, "F_ADD_SEALS")
            .add(1034, "F_GET_SEALS")
            .add(1035, "F_GET_RW_HINT", fixed(2, LONG))
            .add(1036, "F_SET_RW_HINT")
            .add(1037, "F_GET_FILE_RW_HINT", fixed(2, LONG))
            .add(1038, "F_SET_FILE_RW_HINT")
            .build();

    /**
     * prctl(option, arg2, ...): the options that only set or read per-process attributes nothing at
     * replay depends on. Outputs go to arg2 (argument 1).
     */
    static final SubcommandTable PRCTL = SubcommandTable.builder(SubcommandKind.PRCTL_OPTION, 0, 0)
            .add(1, "PR_SET_PDEATHSIG")
            .add(2, "PR_GET_PDEATHSIG", fixed(1, INT))
            .add(3, "PR_GET_DUMPABLE")
            .add(4, "PR_SET_DUMPABLE")
            .add(7, "PR_GET_KEEPCAPS")
            .add(8, "PR_SET_KEEPCAPS")
            .add(15, "PR_SET_NAME")
            .add(16, "PR_GET_NAME", fixed(1, TASK_COMM))
            .add(21, "PR_GET_SECCOMP")
            // A filter of the program's own would stop syscalls before the recorder sees them, and replay would need it too.
            .unsupported(22, "PR_SET_SECCOMP")
            .add(23, "PR_CAPBSET_READ")
            // RDTSC is trapped by the recorder; the program may neither see nor change how.
            .unsupported(25, "PR_GET_TSC")
            .unsupported(26, "PR_SET_TSC")
            .add(27, "PR_GET_SECUREBITS")
            .add(29, "PR_SET_TIMERSLACK")
            .add(30, "PR_GET_TIMERSLACK")
            // Rewrites the address space's bookkeeping (brk, stack, auxv) behind the recorder's back.
            .unsupported(35, "PR_SET_MM")
            .add(36, "PR_SET_CHILD_SUBREAPER")
            .add(37, "PR_GET_CHILD_SUBREAPER", fixed(1, INT))
            .add(38, "PR_SET_NO_NEW_PRIVS")
            .add(39, "PR_GET_NO_NEW_PRIVS")
            .add(40, "PR_GET_TID_ADDRESS", fixed(1, LONG))
            .add(41, "PR_SET_THP_DISABLE")
            .add(42, "PR_GET_THP_DISABLE")
            .add(47, "PR_CAP_AMBIENT")
            .add(52, "PR_GET_SPECULATION_CTRL")
            // Turns syscalls into SIGSYS at the kernel's entry, which neither recorder nor replay would see as syscalls.
            .unsupported(59, "PR_SET_SYSCALL_USER_DISPATCH")
            // Memory-deny-write-execute would forbid the executable scratch pages the interposer maps.
            .unsupported(65, "PR_SET_MDWE")
            .add(0x53564d41, "PR_SET_VMA")
            .build();

    /**
     * arch_prctl(code, addr): the FS and GS bases. arch_prctl is executed at replay, so everything
     * here must give the same answer on any host; what depends on the CPU belongs to the CPU model.
     */
    static final SubcommandTable ARCH_PRCTL = SubcommandTable.builder(SubcommandKind.ARCH_PRCTL_CODE, 0, 0)
            .add(0x1001, "ARCH_SET_GS")
            .add(0x1002, "ARCH_SET_FS")
            .add(0x1003, "ARCH_GET_FS", fixed(1, LONG))
            .add(0x1004, "ARCH_GET_GS", fixed(1, LONG))
            // CPUID faulting belongs to the interposer, which needs it on for its CPU model.
            .unsupported(0x1011, "ARCH_GET_CPUID")
            .unsupported(0x1012, "ARCH_SET_CPUID")
            // The host's XSAVE components: the CPU model must answer these, and does not yet.
            .unsupported(0x1021, "ARCH_GET_XCOMP_SUPP")
            .unsupported(0x1022, "ARCH_GET_XCOMP_PERM")
            .unsupported(0x1023, "ARCH_REQ_XCOMP_PERM")
            // The vDSO stays hidden.
            .unsupported(0x2001, "ARCH_MAP_VDSO_X32")
            .unsupported(0x2002, "ARCH_MAP_VDSO_32")
            .unsupported(0x2003, "ARCH_MAP_VDSO_64")
            // A shadow stack is a mapping of the kernel's making, and it checks every return.
            .unsupported(0x5001, "ARCH_SHSTK_ENABLE")
            .build();

    /**
     * futex(uaddr, op, val, timeout or val2, uaddr2, val3), keyed by the operation without
     * FUTEX_PRIVATE_FLAG (128) and FUTEX_CLOCK_REALTIME (256). futex is emulated: replay orders the
     * threads itself, so waits and wakes need only their recorded results. Only FUTEX_WAKE_OP
     * writes, into the word at uaddr2.
     */
    static final SubcommandTable FUTEX = SubcommandTable.builder(SubcommandKind.FUTEX_OPERATION, 1, 128 | 256)
            .add(0, "FUTEX_WAIT")
            .add(1, "FUTEX_WAKE")
            .unsupported(2, "FUTEX_FD")
            .add(3, "FUTEX_REQUEUE")
            .add(4, "FUTEX_CMP_REQUEUE")
            .add(5, "FUTEX_WAKE_OP", fixed(4, INT))
            // The priority-inheritance operations write real thread ids into the futex word, at
            // other threads' calls too; replay's thread ids are not the recorded ones.
            .unsupported(6, "FUTEX_LOCK_PI")
            .unsupported(7, "FUTEX_UNLOCK_PI")
            .unsupported(8, "FUTEX_TRYLOCK_PI")
            .add(9, "FUTEX_WAIT_BITSET")
            .add(10, "FUTEX_WAKE_BITSET")
            .unsupported(11, "FUTEX_WAIT_REQUEUE_PI")
            .unsupported(12, "FUTEX_CMP_REQUEUE_PI")
            .unsupported(13, "FUTEX_LOCK_PI2")
            .build();

    private SubcommandTables() {
    }
}
