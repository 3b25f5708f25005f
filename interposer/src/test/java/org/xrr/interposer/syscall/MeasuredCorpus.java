package org.xrr.interposer.syscall;

import java.util.List;

/**
 * Every syscall and sub-command the recorder's corpus makes, failing calls included, as measured
 * on Debian 12 (glibc 2.36, bash 5.2, Python 3.11, SQLite 3.40, GCC 12) under Linux 6.18.
 *
 * <p>The corpus: {@code bash -c 'ls -la /usr/bin | sort | head'}; {@code sha256sum FILE}; a bash
 * script piping a file through grep, sed and wc inside a command substitution, plus a subshell
 * that changes directory; a python3 script that reads a file, round-trips JSON, uses an in-memory
 * sqlite3 database, reads os.urandom, prints time.time() and time.monotonic() and runs
 * subprocess.run(['echo', ...]); {@code sqlite3 :memory: '.read script.sql'} and sqlite3 reading
 * its script from standard input; {@code gcc -O2 -c small.c}; {@code date}; a C program calling
 * clock_gettime, getrandom and rdtsc; and the benchmarks {@code find /usr/lib -type f} and
 * python3 starting with imports (json, os, sqlite3, subprocess, re, collections, decimal,
 * datetime, asyncio, email, http.client, xml.etree, hashlib, random, threading). Each ran with
 * its output piped and again under a pseudo-terminal (script -qec), which adds the terminal's
 * ioctls, interactive bash, and interactive sqlite3 writing its history file.
 *
 * <p>Measured twice: with {@code strace -f -qq -e trace=all -X raw} (and {@code strace -f -c}),
 * and with a small ptrace tool that runs the same commands the way the recorder will: address
 * randomization off, the vDSO hidden (AT_SYSINFO_EHDR overwritten at every exec), rseq and clone3
 * failed with ENOSYS. The second run adds what the vDSO answered before: clock_gettime,
 * gettimeofday and time. Neither saw clone3 (glibc 2.36's fork and posix_spawn use clone and
 * vfork) nor prctl.
 */
final class MeasuredCorpus {
    static final List<String> SYSCALLS = List.of(
            "access", "arch_prctl", "brk", "chdir", "chown", "clock_gettime", "clock_nanosleep", "clone", "close",
            "close_range", "connect", "dup", "dup2", "epoll_create1", "execve", "exit_group", "faccessat2", "fadvise64",
            "fchdir", "fchmodat", "fcntl", "fstatfs", "futex", "getcwd", "getdents64", "getegid", "geteuid", "getgid",
            "getpeername", "getpgrp", "getpid", "getppid", "getrandom", "getrusage", "gettid", "gettimeofday", "getuid",
            "getxattr", "ioctl", "lgetxattr", "lseek", "mkdir", "mmap", "mprotect", "munmap", "newfstatat", "openat",
            "pipe2", "poll", "pread64", "prlimit64", "pselect6", "read", "readlink", "rename", "rseq", "rt_sigaction",
            "rt_sigprocmask", "rt_sigreturn", "sched_getaffinity", "set_robust_list", "set_tid_address", "setpgid",
            "sigaltstack", "socket", "statfs", "statx", "sysinfo", "tgkill", "time", "umask", "uname", "unlink",
            "unlinkat", "vfork", "wait4", "write");

    /** TCGETS, TCSETSW, TIOCGPGRP, TIOCSPGRP, TIOCGWINSZ, TIOCSWINSZ, FIOCLEX (ENOTTY for TCGETS on pipes and files). */
    static final List<Long> IOCTL_REQUESTS = List.of(0x5401L, 0x5403L, 0x540fL, 0x5410L, 0x5413L, 0x5414L, 0x5451L);

    /** F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_DUPFD_CLOEXEC, F_GETPIPE_SZ. */
    static final List<Long> FCNTL_COMMANDS = List.of(0L, 1L, 2L, 3L, 0x406L, 0x408L);

    /** ARCH_SET_FS. */
    static final List<Long> ARCH_PRCTL_CODES = List.of(0x1002L);

    /** FUTEX_WAKE | FUTEX_PRIVATE_FLAG. */
    static final List<Long> FUTEX_OPERATIONS = List.of(0x81L);

    private MeasuredCorpus() {
    }
}
