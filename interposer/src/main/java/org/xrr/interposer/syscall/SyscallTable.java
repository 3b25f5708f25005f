package org.xrr.interposer.syscall;

import org.xrr.interposer.ptrace.Errno;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import static org.xrr.interposer.syscall.AbiSizes.EPOLL_EVENT;
import static org.xrr.interposer.syscall.AbiSizes.INT;
import static org.xrr.interposer.syscall.AbiSizes.INT_PAIR;
import static org.xrr.interposer.syscall.AbiSizes.ITIMER;
import static org.xrr.interposer.syscall.AbiSizes.LONG;
import static org.xrr.interposer.syscall.AbiSizes.MAX_FDS;
import static org.xrr.interposer.syscall.AbiSizes.MAX_WRITTEN_BACK_LENGTH;
import static org.xrr.interposer.syscall.AbiSizes.POLLFD;
import static org.xrr.interposer.syscall.AbiSizes.RLIMIT;
import static org.xrr.interposer.syscall.AbiSizes.RUSAGE;
import static org.xrr.interposer.syscall.AbiSizes.SIGACTION;
import static org.xrr.interposer.syscall.AbiSizes.SIGINFO;
import static org.xrr.interposer.syscall.AbiSizes.SIGSET;
import static org.xrr.interposer.syscall.AbiSizes.SOCKADDR_STORAGE;
import static org.xrr.interposer.syscall.AbiSizes.STACK_T;
import static org.xrr.interposer.syscall.AbiSizes.STAT;
import static org.xrr.interposer.syscall.AbiSizes.STATFS;
import static org.xrr.interposer.syscall.AbiSizes.STATX;
import static org.xrr.interposer.syscall.AbiSizes.SYSINFO;
import static org.xrr.interposer.syscall.AbiSizes.TIMESPEC;
import static org.xrr.interposer.syscall.AbiSizes.TIMEVAL;
import static org.xrr.interposer.syscall.AbiSizes.TIMEZONE;
import static org.xrr.interposer.syscall.AbiSizes.TMS;
import static org.xrr.interposer.syscall.AbiSizes.UTSNAME;
import static org.xrr.interposer.syscall.AbiSizes.WAITID_SIGINFO;
import static org.xrr.interposer.syscall.Output.fixed;
import static org.xrr.interposer.syscall.Output.resultBytes;
import static org.xrr.interposer.syscall.Output.resultElements;
import static org.xrr.interposer.syscall.WriteCondition.INTERRUPTED;
import static org.xrr.interposer.syscall.WriteCondition.POSITIVE;
import static org.xrr.interposer.syscall.WriteCondition.SUCCESS;
import static org.xrr.interposer.syscall.WriteCondition.SUCCESS_OR_INTERRUPTED;
import static org.xrr.interposer.syscall.WriteCondition.UNLESS_FAULTED;

/**
 * The x86-64 syscalls: every number Linux (up to 6.18) gives a name, what replay does with each
 * supported one, and what it writes into the caller's memory. This is the only place that
 * knowledge lives.
 *
 * <p>Supported are the calls of glibc, coreutils, bash, python3, sqlite3 and gcc (measured, see
 * the tests), the rest of their families, and what threads and signals will need. The rules
 * behind the dispositions:
 * <ul>
 * <li>At replay no descriptor exists: everything done through one is emulated, and so is every
 * call that resolves a path. execve runs the image the trace kept and mmap maps the trace's copy
 * of a file, so neither needs the real file, the real descriptor or the current directory
 * (which is why chdir can be emulated).</li>
 * <li>Process and thread ids at replay are not the recorded ones. Calls that return or take ids
 * are emulated (getpid, kill, wait4) unless they must run (clone), in which case replay maps
 * the real id to the recorded one.</li>
 * <li>What shapes the address space, the tasks or signal delivery is executed: replay runs the
 * program's real code, which depends on it.</li>
 * <li>Replay delivers each recorded signal itself, where it arrived in the recording, so calls
 * that send signals or arm timers are emulated; the handlers, masks and alternate stack the
 * kernel uses to deliver them are executed.</li>
 * </ul>
 * An unsupported call, or an unsupported sub-command of ioctl, fcntl, prctl, arch_prctl or futex,
 * is reported by {@link #requireSupported} with its name.
 */
public final class SyscallTable {
    private static final long CLONE_PIDFD = 0x1000;
    private static final long CLONE_PARENT_SETTID = 0x100000;
    private static final long CLONE_CHILD_SETTID = 0x1000000;
    private static final long TIMER_ABSTIME = 1;

    private static final Syscall[] BY_NUMBER;
    /**
     * The calls that may wait on another thread or process (a futex, a pipe, a child, a signal,
     * time): a thread of a recording lets the others run while it is in one. Any other call that
     * blocks lets them run too, once its time slice ends. Writes are not here although a full
     * pipe blocks them: two threads writing at once would reach the kernel in one order and take
     * their turns back in another, and replay shows the output in the order of the turns.
     */
    private static final List<String> MAY_BLOCK = List.of("read", "readv", "pread64", "preadv", "preadv2",
            "poll", "ppoll", "select", "pselect6", "epoll_wait", "epoll_pwait", "epoll_pwait2", "sched_yield",
            "pause", "nanosleep", "clock_nanosleep", "wait4", "waitid", "futex", "rt_sigsuspend", "rt_sigtimedwait",
            "accept", "accept4", "connect", "recvfrom", "recvmsg", "recvmmsg", "sendto", "sendmsg", "sendmmsg",
            "open", "openat", "openat2", "flock", "vfork", "msgrcv", "msgsnd", "semop", "semtimedop", "exit");
    private static final boolean[] BLOCKS;
    private static final Map<String, Syscall> BY_NAME = new HashMap<>();

    static {
        Rows t = new Rows();
        t.emulate(0, "read", resultBytes(1, 2));
        t.emulate(1, "write");
        t.emulate(2, "open");
        t.emulate(3, "close");
        t.emulate(4, "stat", fixed(1, STAT));
        t.emulate(5, "fstat", fixed(1, STAT));
        t.emulate(6, "lstat", fixed(1, STAT));
        t.emulate(7, "poll", pollFds());
        t.emulate(8, "lseek");
        // A file mapping at replay maps the trace's copy of the file: the descriptor does not exist there.
        t.execute(9, "mmap");
        t.execute(10, "mprotect");
        t.execute(11, "munmap");
        t.execute(12, "brk");
        t.execute(13, "rt_sigaction", fixed(2, SIGACTION));
        t.execute(14, "rt_sigprocmask", fixed(2, SIGSET));
        // Restores the registers and mask saved in the signal frame: replay's frames are the recording's.
        t.execute(15, "rt_sigreturn");
        t.emulate(16, "ioctl", SubcommandTables.IOCTL);
        t.emulate(17, "pread64", resultBytes(1, 2));
        t.emulate(18, "pwrite64");
        t.emulate(19, "readv", new Output.IovecData(1, 2));
        t.emulate(20, "writev");
        t.emulate(21, "access");
        t.emulate(22, "pipe", fixed(0, INT_PAIR));
        t.emulate(23, "select", selectOutputs(TIMEVAL));
        // Replay orders the threads itself; yielding changes nothing there.
        t.emulate(24, "sched_yield");
        t.execute(25, "mremap");
        // Flushes a shared file mapping to the file, which replay does not have.
        t.emulate(26, "msync");
        t.unsupported(27, "mincore");
        // MADV_DONTNEED zero-fills, MADV_DONTFORK and MADV_WIPEONFORK change what fork copies.
        t.execute(28, "madvise");
        // System V shared memory, semaphores and queues are shared with processes outside the recording.
        t.unsupported(29, "shmget");
        t.unsupported(30, "shmat");
        t.unsupported(31, "shmctl");
        t.emulate(32, "dup");
        t.emulate(33, "dup2");
        // Ends with a signal, which replay delivers at its exit, where it arrived.
        t.emulate(34, "pause");
        t.emulate(35, "nanosleep", fixed(1, TIMESPEC, INTERRUPTED));
        t.emulate(36, "getitimer", fixed(1, ITIMER));
        // Timers' signals are recorded where they arrived; replay needs no timer to deliver them.
        t.emulate(37, "alarm");
        t.emulate(38, "setitimer", fixed(2, ITIMER));
        t.emulate(39, "getpid");
        // The offset is written back whatever the copy's outcome.
        t.emulate(40, "sendfile", fixed(2, LONG, UNLESS_FAULTED));
        t.emulate(41, "socket");
        t.emulate(42, "connect");
        t.emulate(43, "accept", sockaddr(1, 2));
        t.emulate(44, "sendto");
        t.emulate(45, "recvfrom", resultBytes(1, 2), sockaddr(4, 5));
        t.emulate(46, "sendmsg");
        t.emulate(47, "recvmsg", new Output.ReceivedMessage(1));
        t.emulate(48, "shutdown");
        t.emulate(49, "bind");
        t.emulate(50, "listen");
        t.emulate(51, "getsockname", sockaddr(1, 2));
        t.emulate(52, "getpeername", sockaddr(1, 2));
        t.emulate(53, "socketpair", fixed(3, INT_PAIR));
        t.emulate(54, "setsockopt");
        t.emulate(55, "getsockopt", new Output.WrittenBackLength(3, 4, MAX_WRITTEN_BACK_LENGTH));
        // Writes the child's id for the parent (CLONE_PARENT_SETTID; a pidfd with CLONE_PIDFD),
        // and for the child in the child's memory (CLONE_CHILD_SETTID).
        t.executeReturningThreadId(56, "clone",
                new Output.IfFlags(0, CLONE_PARENT_SETTID | CLONE_PIDFD, true, fixed(2, INT, POSITIVE)),
                new Output.IfFlags(0, CLONE_CHILD_SETTID, true, new Output.InNewChild(fixed(3, INT, POSITIVE))));
        t.executeReturningThreadId(57, "fork");
        t.executeReturningThreadId(58, "vfork");
        // Runs the image the trace kept. A call that failed at record (bash tries every PATH
        // directory) changed nothing, so replay may emulate it instead.
        t.execute(59, "execve");
        t.execute(60, "exit");
        // Emulated: the child's own exit happens at replay when the child replays it.
        t.emulate(61, "wait4", fixed(1, INT, POSITIVE), fixed(3, RUSAGE, POSITIVE));
        // The receiver's recording has the signal's arrival; sending it again would deliver it twice.
        t.emulate(62, "kill");
        t.emulate(63, "uname", fixed(0, UTSNAME));
        t.unsupported(64, "semget");
        t.unsupported(65, "semop");
        t.unsupported(66, "semctl");
        t.unsupported(67, "shmdt");
        t.unsupported(68, "msgget");
        t.unsupported(69, "msgsnd");
        t.unsupported(70, "msgrcv");
        t.unsupported(71, "msgctl");
        t.emulate(72, "fcntl", SubcommandTables.FCNTL);
        t.emulate(73, "flock");
        t.emulate(74, "fsync");
        t.emulate(75, "fdatasync");
        t.emulate(76, "truncate");
        t.emulate(77, "ftruncate");
        t.emulate(78, "getdents", resultBytes(1, 2));
        t.emulate(79, "getcwd", resultBytes(0, 1));
        t.emulate(80, "chdir");
        t.emulate(81, "fchdir");
        t.emulate(82, "rename");
        t.emulate(83, "mkdir");
        t.emulate(84, "rmdir");
        t.emulate(85, "creat");
        t.emulate(86, "link");
        t.emulate(87, "unlink");
        t.emulate(88, "symlink");
        t.emulate(89, "readlink", resultBytes(1, 2));
        t.emulate(90, "chmod");
        t.emulate(91, "fchmod");
        t.emulate(92, "chown");
        t.emulate(93, "fchown");
        t.emulate(94, "lchown");
        t.emulate(95, "umask");
        t.emulate(96, "gettimeofday", fixed(0, TIMEVAL), fixed(1, TIMEZONE));
        t.emulate(97, "getrlimit", fixed(1, RLIMIT));
        t.emulate(98, "getrusage", fixed(1, RUSAGE));
        t.emulate(99, "sysinfo", fixed(0, SYSINFO));
        t.emulate(100, "times", fixed(0, TMS));
        // xrr is the tracer; a tracee cannot be one too.
        t.unsupported(101, "ptrace");
        t.emulate(102, "getuid");
        t.unsupported(103, "syslog");
        t.emulate(104, "getgid");
        // Credentials matter at replay only for permission checks, and those happen in emulated calls.
        t.emulate(105, "setuid");
        t.emulate(106, "setgid");
        t.emulate(107, "geteuid");
        t.emulate(108, "getegid");
        t.emulate(109, "setpgid");
        t.emulate(110, "getppid");
        t.emulate(111, "getpgrp");
        t.emulate(112, "setsid");
        t.emulate(113, "setreuid");
        t.emulate(114, "setregid");
        t.emulate(115, "getgroups", resultElements(1, 0, INT));
        t.emulate(116, "setgroups");
        t.emulate(117, "setresuid");
        t.emulate(118, "getresuid", fixed(0, INT), fixed(1, INT), fixed(2, INT));
        t.emulate(119, "setresgid");
        t.emulate(120, "getresgid", fixed(0, INT), fixed(1, INT), fixed(2, INT));
        t.emulate(121, "getpgid");
        t.emulate(122, "setfsuid");
        t.emulate(123, "setfsgid");
        t.emulate(124, "getsid");
        t.unsupported(125, "capget");
        t.unsupported(126, "capset");
        t.emulate(127, "rt_sigpending", new Output.ArgCount(0, 1, 1, SIGSET, SUCCESS));
        t.emulate(128, "rt_sigtimedwait", fixed(1, SIGINFO, POSITIVE));
        t.emulate(129, "rt_sigqueueinfo");
        // Swaps in another mask while it waits: the signal that ended it may be blocked outside
        // it, so replay must deliver that signal while the thread is really inside.
        t.execute(130, "rt_sigsuspend");
        t.execute(131, "sigaltstack", fixed(1, STACK_T));
        t.emulate(132, "utime");
        t.emulate(133, "mknod");
        t.unsupported(134, "uselib");
        // Clearing ADDR_NO_RANDOMIZE would randomize the layout of every image executed after.
        t.unsupported(135, "personality");
        t.unsupported(136, "ustat");
        t.emulate(137, "statfs", fixed(1, STATFS));
        t.emulate(138, "fstatfs", fixed(1, STATFS));
        t.unsupported(139, "sysfs");
        t.emulate(140, "getpriority");
        t.emulate(141, "setpriority");
        t.emulate(142, "sched_setparam");
        t.emulate(143, "sched_getparam", fixed(1, INT));
        t.emulate(144, "sched_setscheduler");
        t.emulate(145, "sched_getscheduler");
        t.emulate(146, "sched_get_priority_max");
        t.emulate(147, "sched_get_priority_min");
        t.emulate(148, "sched_rr_get_interval", fixed(1, TIMESPEC));
        // Which pages stay resident is invisible to the program.
        t.emulate(149, "mlock");
        t.emulate(150, "munlock");
        t.emulate(151, "mlockall");
        t.emulate(152, "munlockall");
        t.unsupported(153, "vhangup");
        t.unsupported(154, "modify_ldt");
        t.unsupported(155, "pivot_root");
        t.unsupported(156, "_sysctl");
        t.emulate(157, "prctl", SubcommandTables.PRCTL);
        // The FS base is where the program's thread-local storage is.
        t.execute(158, "arch_prctl", SubcommandTables.ARCH_PRCTL);
        t.unsupported(159, "adjtimex");
        // Limits shape later address spaces: RLIMIT_STACK decides where mmap starts in an image
        // executed after (gcc raises it before running cc1), RLIMIT_AS and RLIMIT_DATA whether mmap
        // and brk fail.
        t.execute(160, "setrlimit");
        t.unsupported(161, "chroot");
        t.emulate(162, "sync");
        t.unsupported(163, "acct");
        t.unsupported(164, "settimeofday");
        t.unsupported(165, "mount");
        t.unsupported(166, "umount2");
        t.unsupported(167, "swapon");
        t.unsupported(168, "swapoff");
        t.unsupported(169, "reboot");
        t.unsupported(170, "sethostname");
        t.unsupported(171, "setdomainname");
        t.unsupported(172, "iopl");
        t.unsupported(173, "ioperm");
        t.unsupported(174, "create_module");
        t.unsupported(175, "init_module");
        t.unsupported(176, "delete_module");
        t.unsupported(177, "get_kernel_syms");
        t.unsupported(178, "query_module");
        t.unsupported(179, "quotactl");
        t.unsupported(180, "nfsservctl");
        t.unsupported(181, "getpmsg");
        t.unsupported(182, "putpmsg");
        t.unsupported(183, "afs_syscall");
        t.unsupported(184, "tuxcall");
        t.unsupported(185, "security");
        t.emulate(186, "gettid");
        t.emulate(187, "readahead");
        t.emulate(188, "setxattr");
        t.emulate(189, "lsetxattr");
        t.emulate(190, "fsetxattr");
        // With size 0 these return the size needed and write nothing: the capacity bounds them to 0.
        t.emulate(191, "getxattr", resultBytes(2, 3));
        t.emulate(192, "lgetxattr", resultBytes(2, 3));
        t.emulate(193, "fgetxattr", resultBytes(2, 3));
        t.emulate(194, "listxattr", resultBytes(1, 2));
        t.emulate(195, "llistxattr", resultBytes(1, 2));
        t.emulate(196, "flistxattr", resultBytes(1, 2));
        t.emulate(197, "removexattr");
        t.emulate(198, "lremovexattr");
        t.emulate(199, "fremovexattr");
        t.emulate(200, "tkill");
        t.emulate(201, "time", fixed(0, LONG));
        t.emulate(202, "futex", SubcommandTables.FUTEX);
        t.emulate(203, "sched_setaffinity");
        // Returns the number of bytes of the mask it wrote.
        t.emulate(204, "sched_getaffinity", resultBytes(2, 1));
        t.unsupported(205, "set_thread_area");
        // Asynchronous I/O completes outside any syscall of the program's.
        t.unsupported(206, "io_setup");
        t.unsupported(207, "io_destroy");
        t.unsupported(208, "io_getevents");
        t.unsupported(209, "io_submit");
        t.unsupported(210, "io_cancel");
        t.unsupported(211, "get_thread_area");
        t.unsupported(212, "lookup_dcookie");
        t.emulate(213, "epoll_create");
        t.unsupported(214, "epoll_ctl_old");
        t.unsupported(215, "epoll_wait_old");
        t.unsupported(216, "remap_file_pages");
        t.emulate(217, "getdents64", resultBytes(1, 2));
        // At its exit the thread's kernel clears that word and wakes its futex, which is what
        // pthread_join waits for; the result is the caller's thread id.
        t.executeReturningThreadId(218, "set_tid_address");
        // The kernel resumes an interrupted nanosleep, clock_nanosleep, poll or futex with the same
        // arguments: what it writes is that call's, so the recorder passes that call's row.
        t.emulate(219, "restart_syscall");
        t.unsupported(220, "semtimedop");
        t.emulate(221, "fadvise64");
        t.emulate(222, "timer_create", fixed(2, INT));
        t.emulate(223, "timer_settime", fixed(3, ITIMER));
        t.emulate(224, "timer_gettime", fixed(1, ITIMER));
        t.emulate(225, "timer_getoverrun");
        t.emulate(226, "timer_delete");
        t.unsupported(227, "clock_settime");
        // With the vDSO hidden, every clock read comes here.
        t.emulate(228, "clock_gettime", fixed(1, TIMESPEC));
        t.emulate(229, "clock_getres", fixed(1, TIMESPEC));
        t.emulate(230, "clock_nanosleep",
                new Output.IfFlags(1, TIMER_ABSTIME, false, fixed(3, TIMESPEC, INTERRUPTED)));
        t.execute(231, "exit_group");
        t.emulate(232, "epoll_wait", resultElements(1, 2, EPOLL_EVENT));
        t.emulate(233, "epoll_ctl");
        t.emulate(234, "tgkill");
        t.emulate(235, "utimes");
        t.unsupported(236, "vserver");
        t.unsupported(237, "mbind");
        t.unsupported(238, "set_mempolicy");
        t.unsupported(239, "get_mempolicy");
        t.unsupported(240, "mq_open");
        t.unsupported(241, "mq_unlink");
        t.unsupported(242, "mq_timedsend");
        t.unsupported(243, "mq_timedreceive");
        t.unsupported(244, "mq_notify");
        t.unsupported(245, "mq_getsetattr");
        t.unsupported(246, "kexec_load");
        // siginfo is written (zeroed if no child changed state) on success, the rusage only when
        // a child was reaped; writing the rusage back unchanged otherwise is harmless.
        t.emulate(247, "waitid", fixed(2, WAITID_SIGINFO), fixed(4, RUSAGE));
        t.unsupported(248, "add_key");
        t.unsupported(249, "request_key");
        t.unsupported(250, "keyctl");
        t.emulate(251, "ioprio_set");
        t.emulate(252, "ioprio_get");
        t.emulate(253, "inotify_init");
        t.emulate(254, "inotify_add_watch");
        t.emulate(255, "inotify_rm_watch");
        t.unsupported(256, "migrate_pages");
        t.emulate(257, "openat");
        t.emulate(258, "mkdirat");
        t.emulate(259, "mknodat");
        t.emulate(260, "fchownat");
        t.emulate(261, "futimesat");
        t.emulate(262, "newfstatat", fixed(2, STAT));
        t.emulate(263, "unlinkat");
        t.emulate(264, "renameat");
        t.emulate(265, "linkat");
        t.emulate(266, "symlinkat");
        t.emulate(267, "readlinkat", resultBytes(2, 3));
        t.emulate(268, "fchmodat");
        t.emulate(269, "faccessat");
        t.emulate(270, "pselect6", selectOutputs(TIMESPEC));
        t.emulate(271, "ppoll", pollFds(), fixed(2, TIMESPEC, UNLESS_FAULTED));
        t.unsupported(272, "unshare");
        // The kernel reads the list only when a thread dies holding a robust mutex, and matches
        // futex words against real thread ids, which replay's are not: executing it would not
        // reproduce that either. What that walk writes belongs to the dying thread's exit.
        t.emulate(273, "set_robust_list");
        t.emulate(274, "get_robust_list", fixed(1, LONG), fixed(2, LONG));
        t.emulate(275, "splice", fixed(1, LONG), fixed(3, LONG));
        t.emulate(276, "tee");
        t.emulate(277, "sync_file_range");
        // Reads or writes user memory depending on which end of a pipe the descriptor is.
        t.unsupported(278, "vmsplice");
        t.unsupported(279, "move_pages");
        t.emulate(280, "utimensat");
        t.emulate(281, "epoll_pwait", resultElements(1, 2, EPOLL_EVENT));
        t.emulate(282, "signalfd");
        t.emulate(283, "timerfd_create");
        t.emulate(284, "eventfd");
        t.emulate(285, "fallocate");
        t.emulate(286, "timerfd_settime", fixed(3, ITIMER));
        t.emulate(287, "timerfd_gettime", fixed(1, ITIMER));
        t.emulate(288, "accept4", sockaddr(1, 2));
        t.emulate(289, "signalfd4");
        t.emulate(290, "eventfd2");
        t.emulate(291, "epoll_create1");
        t.emulate(292, "dup3");
        t.emulate(293, "pipe2", fixed(0, INT_PAIR));
        t.emulate(294, "inotify_init1");
        t.emulate(295, "preadv", new Output.IovecData(1, 2));
        t.emulate(296, "pwritev");
        t.emulate(297, "rt_tgsigqueueinfo");
        t.unsupported(298, "perf_event_open");
        t.emulate(299, "recvmmsg", new Output.ReceivedMessages(1, 2), fixed(4, TIMESPEC, POSITIVE));
        t.unsupported(300, "fanotify_init");
        t.unsupported(301, "fanotify_mark");
        // As setrlimit. A pid other than 0 is a recorded id, which replay must translate.
        t.execute(302, "prlimit64", fixed(3, RLIMIT));
        t.unsupported(303, "name_to_handle_at");
        t.unsupported(304, "open_by_handle_at");
        t.unsupported(305, "clock_adjtime");
        t.emulate(306, "syncfs");
        t.emulate(307, "sendmmsg", new Output.SentMessageLengths(1, 2));
        t.unsupported(308, "setns");
        t.emulate(309, "getcpu", fixed(0, INT), fixed(1, INT));
        t.emulate(310, "process_vm_readv", new Output.IovecData(1, 2));
        // Writes another process's memory, outside any call that process makes.
        t.unsupported(311, "process_vm_writev");
        t.unsupported(312, "kcmp");
        t.unsupported(313, "finit_module");
        t.unsupported(314, "sched_setattr");
        t.unsupported(315, "sched_getattr");
        t.emulate(316, "renameat2");
        t.unsupported(317, "seccomp");
        t.emulate(318, "getrandom", resultBytes(0, 1));
        // Its memory is mapped by descriptor: needs file mappings that replay can rebuild from the trace.
        t.unsupported(319, "memfd_create");
        t.unsupported(320, "kexec_file_load");
        t.unsupported(321, "bpf");
        // As execve: the descriptor it names does not exist at replay, the kept image runs instead.
        t.execute(322, "execveat");
        t.unsupported(323, "userfaultfd");
        t.unsupported(324, "membarrier");
        t.emulate(325, "mlock2");
        t.emulate(326, "copy_file_range", fixed(1, LONG, POSITIVE), fixed(3, LONG, POSITIVE));
        t.emulate(327, "preadv2", new Output.IovecData(1, 2));
        t.emulate(328, "pwritev2");
        // As mprotect: without pkey_alloc (unsupported), the only key it can be given is -1.
        t.execute(329, "pkey_mprotect");
        t.unsupported(330, "pkey_alloc");
        t.unsupported(331, "pkey_free");
        t.emulate(332, "statx", fixed(4, STATX));
        t.unsupported(333, "io_pgetevents");
        // The kernel writes the current CPU into the registered area at any preemption and aborts
        // critical sections, none of it at a syscall. glibc runs without it (sched_getcpu then
        // calls getcpu).
        t.refuse(334, "rseq", Errno.ENOSYS);
        t.unsupported(424, "pidfd_send_signal");
        // Completions are written by the kernel whenever the work finishes.
        t.unsupported(425, "io_uring_setup");
        t.unsupported(426, "io_uring_enter");
        t.unsupported(427, "io_uring_register");
        t.unsupported(428, "open_tree");
        t.unsupported(429, "move_mount");
        t.unsupported(430, "fsopen");
        t.unsupported(431, "fsconfig");
        t.unsupported(432, "fsmount");
        t.unsupported(433, "fspick");
        t.unsupported(434, "pidfd_open");
        // Its flags live in memory (struct clone_args), where no seccomp filter can look, and it can
        // choose the new thread's id (set_tid). On ENOSYS glibc falls back to clone for
        // pthread_create and posix_spawn, so clone is the one way tasks are made.
        t.refuse(435, "clone3", Errno.ENOSYS);
        t.emulate(436, "close_range");
        t.emulate(437, "openat2");
        t.unsupported(438, "pidfd_getfd");
        t.emulate(439, "faccessat2");
        t.unsupported(440, "process_madvise");
        t.emulate(441, "epoll_pwait2", resultElements(1, 2, EPOLL_EVENT));
        t.unsupported(442, "mount_setattr");
        t.unsupported(443, "quotactl_fd");
        t.unsupported(444, "landlock_create_ruleset");
        t.unsupported(445, "landlock_add_rule");
        t.unsupported(446, "landlock_restrict_self");
        t.unsupported(447, "memfd_secret");
        t.unsupported(448, "process_mrelease");
        t.unsupported(449, "futex_waitv");
        t.unsupported(450, "set_mempolicy_home_node");
        t.unsupported(451, "cachestat");
        t.emulate(452, "fchmodat2");
        t.unsupported(453, "map_shadow_stack");
        t.unsupported(454, "futex_wake");
        t.unsupported(455, "futex_wait");
        t.unsupported(456, "futex_requeue");
        t.unsupported(457, "statmount");
        t.unsupported(458, "listmount");
        t.unsupported(459, "lsm_get_self_attr");
        t.unsupported(460, "lsm_set_self_attr");
        t.unsupported(461, "lsm_list_modules");
        // Forbids later changes to the mappings: replay must seal them too.
        t.execute(462, "mseal");
        t.unsupported(463, "setxattrat");
        t.unsupported(464, "getxattrat");
        t.unsupported(465, "listxattrat");
        t.unsupported(466, "removexattrat");
        t.unsupported(467, "open_tree_attr");
        t.unsupported(468, "file_getattr");
        t.unsupported(469, "file_setattr");
        BY_NUMBER = t.rows();
        for (Syscall s : BY_NUMBER) {
            if (s != null && BY_NAME.put(s.name(), s) != null) {
                throw new IllegalStateException("syscall name " + s.name() + " is in the table twice");
            }
        }
        BLOCKS = new boolean[BY_NUMBER.length];
        for (String name : MAY_BLOCK) {
            BLOCKS[BY_NAME.get(name).number()] = true;
        }
    }

    private SyscallTable() {
    }

    /** poll's and ppoll's pollfd array: its revents are written on success and when a signal interrupts the wait. */
    private static Output pollFds() {
        return new Output.ArgCount(0, 1, POLLFD, MAX_FDS, SUCCESS_OR_INTERRUPTED);
    }

    /**
     * select(nfds, readfds, writefds, exceptfds, timeout) and pselect6: the three sets on
     * success, and the remaining time, which the kernel writes back whatever the result.
     */
    private static Output[] selectOutputs(int timeoutSize) {
        return new Output[] {
            new Output.FdSet(1, 0), new Output.FdSet(2, 0), new Output.FdSet(3, 0), fixed(4, timeoutSize, UNLESS_FAULTED),
        };
    }

    private static Output sockaddr(int address, int lengthPointer) {
        return new Output.WrittenBackLength(address, lengthPointer, SOCKADDR_STORAGE);
    }

    /** The row for a syscall number, or null when no x86-64 syscall has that number. */
    public static Syscall get(long number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[(int) number] : null;
    }

    /** Whether the call may wait for another thread or process (see {@link #MAY_BLOCK}). */
    public static boolean mayBlock(long number) {
        return number >= 0 && number < BLOCKS.length && BLOCKS[(int) number];
    }

    public static Optional<Syscall> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<String> name(long number) {
        return Optional.ofNullable(get(number)).map(Syscall::name);
    }

    /** The number of a syscall xrr itself refers to by name; a name the table lacks is a bug in xrr. */
    public static int require(String name) {
        Syscall s = BY_NAME.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no x86-64 syscall is named " + name);
        }
        return s.number();
    }

    public static OptionalInt number(String name) {
        Syscall s = BY_NAME.get(name);
        return s == null ? OptionalInt.empty() : OptionalInt.of(s.number());
    }

    /** Every syscall, in number order. */
    public static List<Syscall> all() {
        return Arrays.stream(BY_NUMBER).filter(Objects::nonNull).toList();
    }

    /**
     * Whether the recorder can record this call: a known syscall, not unsupported, with a supported
     * sub-command. A call to refuse is supported: the recorder fails it with its errno. Allocates nothing.
     */
    public static boolean supports(long number, long[] args) {
        Syscall s = get(number);
        return s != null && s.supports(args);
    }

    /**
     * Throws, naming the call and where it was made, unless {@link #supports} holds: "unsupported
     * syscall 'io_uring_setup' (425) at pid 123, rip 0x401000".
     */
    public static void requireSupported(long number, long[] args, int pid, long rip) {
        if (!supports(number, args)) {
            throw new UnsupportedSyscallException(describeUnsupported(number, args), pid, rip);
        }
    }

    private static String describeUnsupported(long number, long[] args) {
        Syscall s = get(number);
        if (s == null) {
            return "syscall number " + number + " (no x86-64 syscall has it)";
        }
        if (s.disposition() == Disposition.UNSUPPORTED) {
            return "syscall " + s;
        }
        return s.subcommands().describe(args) + " of syscall " + s;
    }

    /** Builds the rows, refusing a number or a name given twice. */
    private static final class Rows {
        private final Syscall[] rows = new Syscall[470];

        void emulate(int number, String name, Output... outputs) {
            put(new Syscall(number, name, Disposition.EMULATE, 0, false, outputs, null));
        }

        void emulate(int number, String name, SubcommandTable subcommands) {
            put(new Syscall(number, name, Disposition.EMULATE, 0, false, new Output[0], subcommands));
        }

        void execute(int number, String name, Output... outputs) {
            put(new Syscall(number, name, Disposition.EXECUTE, 0, false, outputs, null));
        }

        void execute(int number, String name, SubcommandTable subcommands) {
            put(new Syscall(number, name, Disposition.EXECUTE, 0, false, new Output[0], subcommands));
        }

        void executeReturningThreadId(int number, String name, Output... outputs) {
            put(new Syscall(number, name, Disposition.EXECUTE, 0, true, outputs, null));
        }

        void refuse(int number, String name, int errno) {
            put(new Syscall(number, name, Disposition.REFUSE, errno, false, new Output[0], null));
        }

        void unsupported(int number, String name) {
            put(new Syscall(number, name, Disposition.UNSUPPORTED, 0, false, new Output[0], null));
        }

        private void put(Syscall s) {
            if (rows[s.number()] != null) {
                throw new IllegalStateException("syscall number " + s.number() + " is in the table twice");
            }
            rows[s.number()] = s;
        }

        Syscall[] rows() {
            return rows;
        }
    }
}
