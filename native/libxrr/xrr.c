/*
 * libxrr: the few native pieces the Java tracer needs, loaded through JNA.
 *
 * - Non-variadic wrappers for ptrace and friends. glibc's ptrace() is variadic, and a variadic
 *   call through JNA's direct mapping does not set up the registers the x86-64 ABI requires.
 *   Every wrapper returns -errno on failure, so Java needs no errno plumbing.
 * - xrr_spawn: fork + handshake + seccomp + execve, done in C because the child of a JVM may
 *   run only async-signal-safe code between fork and exec.
 * - The host's own CPUID and XGETBV.
 * - A wait with a time limit, for the time slice of a thread that runs without events, and a
 *   hash of a range of tracee memory, for the point where such a thread was preempted.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define XRR_SPAWN_NO_ASLR 1
#define XRR_SPAWN_SECCOMP 2
#define XRR_SPAWN_TRACE_ALL 4

#define ARCH_SET_CPUID 0x1012

long xrr_ptrace(long request, long pid, long addr, long data)
{
    long r = syscall(SYS_ptrace, request, pid, addr, data);
    return r < 0 ? -errno : r;
}

/* PEEK requests return the word itself, which may look like an error: read it through *out. */
long xrr_peek(long pid, long addr, long *out)
{
    errno = 0;
    long word = ptrace(PTRACE_PEEKDATA, (pid_t)pid, (void *)addr, NULL);
    if (errno != 0)
        return -errno;
    *out = word;
    return 0;
}

long xrr_waitpid(long pid, int *status, long options)
{
    pid_t r = waitpid((pid_t)pid, status, (int)options);
    return r < 0 ? -errno : r;
}

/* The signal that ends a timed wait: a real-time one, which neither the JVM nor glibc uses. */
#define XRR_WAKE_SIGNAL (SIGRTMIN + 6)

static void on_wake(int sig)
{
    (void)sig;
}

/*
 * waitpid that gives up after timeout_ns: returns 0 then (no status). A timer aimed at this
 * thread interrupts the wait; it repeats every millisecond after the first expiry, so a tick
 * that lands just before waitpid starts only delays the timeout by one period.
 */
long xrr_waitpid_timeout(long pid, int *status, long options, long timeout_ns)
{
    static int installed;
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_wake; /* no SA_RESTART: the wait must return EINTR */
        sigemptyset(&sa.sa_mask);
        if (sigaction(XRR_WAKE_SIGNAL, &sa, NULL) != 0)
            return -errno;
        installed = 1;
    }
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = XRR_WAKE_SIGNAL;
    sev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
    timer_t timer;
    if (timer_create(CLOCK_MONOTONIC, &sev, &timer) != 0)
        return -errno;
    struct itimerspec when = {{0, 1000000}, {timeout_ns / 1000000000, timeout_ns % 1000000000}};
    timer_settime(timer, 0, &when, NULL);
    pid_t r = waitpid((pid_t)pid, status, (int)options);
    int error = errno;
    timer_delete(timer);
    if (r >= 0)
        return r;
    return error == EINTR ? 0 : -error;
}

/* FNV-style mixing of 64-bit words, with a final avalanche: fast, and enough to tell states apart. */
static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x100000001b3ULL;
    return h ^ (h >> 29);
}

/*
 * Folds len bytes of a process's memory at addr into hash, read a megabyte at a time with
 * process_vm_readv. Returns the new hash; bytes that cannot be read count as their length only.
 */
unsigned long xrr_hash_memory(long pid, long addr, long len, unsigned long hash)
{
    static unsigned char *buffer;
    const long chunk = 1 << 20;
    if (buffer == NULL && (buffer = malloc(chunk)) == NULL)
        return mix(hash, (uint64_t)len);
    uint64_t h = mix(hash, (uint64_t)addr);
    for (long done = 0; done < len;) {
        long n = len - done < chunk ? len - done : chunk;
        struct iovec local = {buffer, (size_t)n}, remote = {(void *)(addr + done), (size_t)n};
        ssize_t got = process_vm_readv((pid_t)pid, &local, 1, &remote, 1, 0);
        if (got <= 0) {
            h = mix(h, (uint64_t)(len - done));
            break;
        }
        for (ssize_t i = 0; i + 8 <= got; i += 8) {
            uint64_t w;
            memcpy(&w, buffer + i, 8);
            h = mix(h, w);
        }
        done += got;
    }
    return h;
}

long xrr_tgkill(long pid, long tid, long sig)
{
    long r = syscall(SYS_tgkill, pid, tid, sig);
    return r < 0 ? -errno : r;
}

/* The CPU the calling thread runs on, or -errno. */
long xrr_current_cpu(void)
{
    int cpu = sched_getcpu();
    return cpu < 0 ? -errno : cpu;
}

/* Lets the calling thread, and the processes it will spawn, run only on the CPUs in `count` bytes of `mask`. */
long xrr_set_affinity(const void *mask, long count)
{
    return sched_setaffinity(0, (size_t)count, (const cpu_set_t *)mask) < 0 ? -errno : 0;
}

/* The calling thread's CPU set, into `count` bytes of `mask`. */
long xrr_get_affinity(void *mask, long count)
{
    return sched_getaffinity(0, (size_t)count, (cpu_set_t *)mask) < 0 ? -errno : 0;
}

long xrr_kill(long pid, long sig)
{
    return kill((pid_t)pid, (int)sig) < 0 ? -errno : 0;
}

long xrr_pread(long fd, void *buf, long len, long offset)
{
    ssize_t r = pread((int)fd, buf, (size_t)len, (off_t)offset);
    return r < 0 ? -errno : r;
}

long xrr_open(const char *path, long flags)
{
    int fd = open(path, (int)flags | O_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

long xrr_close(long fd)
{
    return close((int)fd) < 0 ? -errno : 0;
}

long xrr_write(long fd, const void *buf, long len)
{
    ssize_t r = write((int)fd, buf, (size_t)len);
    return r < 0 ? -errno : r;
}

/*
 * The seccomp filter: stop (SECCOMP_RET_TRACE) only where the tracer has work, and let every
 * other syscall run at full speed:
 *   mmap / mprotect / pkey_mprotect that make memory executable (new code to scan and patch);
 *   arch_prctl(ARCH_SET_CPUID, ...), so a program cannot switch CPUID faulting back off.
 */
#define ARG_LO(n) (offsetof(struct seccomp_data, args) + 8 * (n))
static struct sock_filter filter[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mmap, 3, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mprotect, 2, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_pkey_mprotect, 1, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_arch_prctl, 3, 6),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(2)),
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, PROT_EXEC, 0, 4),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH_SET_CPUID, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

/*
 * The filter of a replay: every syscall stops once, at its entry, where the tracer can answer
 * it without a second stop at its exit.
 */
static struct sock_filter trace_all[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
};

static void say(const char *a, const char *b)
{
    write(2, a, strlen(a));
    write(2, b, strlen(b));
    write(2, "\n", 1);
}

/*
 * In a spawned child: makes descriptor `fd` the file at `path` (nothing to do for NULL), read
 * from for stdin, a new file written to otherwise.
 */
static int redirect(const char *path, int fd)
{
    if (path == NULL)
        return 0;
    int f = fd == 0 ? open(path, O_RDONLY) : open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (f < 0 || dup2(f, fd) < 0) {
        say(fd == 0 ? "xrr: cannot open the program's input file " : "xrr: cannot open the program's output file ", path);
        return -1;
    }
    if (f != fd)
        close(f);
    return 0;
}

/*
 * Forks a child that waits until the tracer has attached (one byte on *go_fd), then applies
 * `flags` and executes `path`. Returns the child's pid, or -errno. Only async-signal-safe calls
 * happen in the child. If execve fails, the child says so and exits 126 (127 for ENOENT), as a
 * shell does. `in`, `out` and `err`, when not NULL, name files that replace stdin, stdout and stderr.
 */
long xrr_spawn(const char *path, char *const argv[], char *const envp[], long flags, int *go_fd, const char *in,
               const char *out, const char *err)
{
    int go[2];
    if (pipe2(go, O_CLOEXEC) < 0)
        return -errno;
    struct sock_fprog prog = {.len = sizeof filter / sizeof filter[0], .filter = filter};
    if (flags & XRR_SPAWN_TRACE_ALL)
        prog = (struct sock_fprog){.len = sizeof trace_all / sizeof trace_all[0], .filter = trace_all};
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(go[0]);
        close(go[1]);
        return -e;
    }
    if (pid == 0) {
        char byte;
        close(go[1]);
        if (read(go[0], &byte, 1) != 1)
            _exit(125);
        if (redirect(in, 0) < 0 || redirect(out, 1) < 0 || redirect(err, 2) < 0)
            _exit(125);
        /* The program gets stdin, stdout and stderr; none of the JVM's other descriptors. */
        syscall(SYS_close_range, 3, ~0U, 0);
        /* The JVM's signal mask and ignored signals would otherwise survive execve. */
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        for (int sig = 1; sig < NSIG; sig++)
            if (sig != SIGKILL && sig != SIGSTOP)
                sigaction(sig, &dfl, NULL);
        if (flags & XRR_SPAWN_NO_ASLR)
            personality(ADDR_NO_RANDOMIZE);
        if (flags & (XRR_SPAWN_SECCOMP | XRR_SPAWN_TRACE_ALL)) {
            if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
                say("xrr: cannot install the seccomp filter: ", strerror(errno));
                _exit(125);
            }
        }
        execve(path, argv, envp);
        int e = errno;
        say(path, e == ENOENT ? ": command not found" : ": cannot execute");
        _exit(e == ENOENT ? 127 : 126);
    }
    close(go[0]);
    *go_fd = go[1];
    return pid;
}

void xrr_cpuid(unsigned leaf, unsigned subleaf, unsigned out[4])
{
    __cpuid_count(leaf, subleaf, out[0], out[1], out[2], out[3]);
}

/* Returns 0 and the value, or -1 when the OS has not enabled XSAVE (XGETBV would fault). */
long xrr_xgetbv(unsigned index, unsigned long *out)
{
    unsigned a, b, c, d;
    __cpuid(1, a, b, c, d);
    if (!(c & (1u << 27)))
        return -1;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(index));
    *out = ((unsigned long)hi << 32) | lo;
    return 0;
}

/* The time-stamp counter, for a recording to hand to a tracee whose RDTSC faulted. */
unsigned long xrr_rdtsc(void)
{
    unsigned lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((unsigned long)hi << 32) | lo;
}

/* Copies len bytes of another process's memory at addr into buf with one process_vm_readv;
 * returns the bytes copied, or -errno. */
long xrr_read_memory(long pid, long addr, void *buf, long len)
{
    struct iovec local = {buf, (size_t)len}, remote = {(void *)addr, (size_t)len};
    ssize_t n = process_vm_readv((pid_t)pid, &local, 1, &remote, 1, 0);
    return n < 0 ? -errno : n;
}

/* Copies len bytes from buf into another process's memory at addr with one process_vm_writev;
 * returns the bytes copied, or -errno (EFAULT for pages the process may not write). */
long xrr_write_memory(long pid, long addr, const void *buf, long len)
{
    struct iovec local = {(void *)buf, (size_t)len}, remote = {(void *)addr, (size_t)len};
    ssize_t n = process_vm_writev((pid_t)pid, &local, 1, &remote, 1, 0);
    return n < 0 ? -errno : n;
}
