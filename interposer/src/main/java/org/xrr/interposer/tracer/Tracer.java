package org.xrr.interposer.tracer;

import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.cpu.XsaveTranslation;
import org.xrr.interposer.ptrace.Errno;
import org.xrr.interposer.ptrace.LibXrr;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.PtraceException;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.ptrace.WaitStatus;
import org.xrr.interposer.syscall.SyscallTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs a program and every process and thread it starts under ptrace, presenting the CPU model.
 * One thread does everything (Linux binds a tracee to the thread that attached it), so
 * {@link #run} must be called on a thread that does nothing else meanwhile.
 *
 * <p>Stops happen only where there is work: the seccomp filter installed at spawn stops just the
 * syscalls that make memory executable, and patched sites stop with int3.
 */
public final class Tracer {
    private static final int OPTIONS = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEFORK | Ptrace.O_TRACEVFORK
            | Ptrace.O_TRACECLONE | Ptrace.O_TRACEEXEC | Ptrace.O_TRACESECCOMP | Ptrace.O_EXITKILL;
    private static final int SIGTRAP = 5;
    private static final int SIGKILL = 9;
    private static final int SIGSEGV = 11;
    private static final int SIGSTOP = 19;
    private static final int SIGTSTP = 20;
    private static final int SIGTTIN = 21;
    private static final int SIGTTOU = 22;
    private static final int SYSCALL_STOP = SIGTRAP | 0x80;
    private static final int SYS_MMAP = SyscallTable.require("mmap");
    private static final int SYS_MPROTECT = SyscallTable.require("mprotect");
    private static final int SYS_CLONE = SyscallTable.require("clone");
    private static final int SYS_ARCH_PRCTL = SyscallTable.require("arch_prctl");
    private static final int SYS_PKEY_MPROTECT = SyscallTable.require("pkey_mprotect");
    private static final int SYS_CLONE3 = SyscallTable.require("clone3");
    private static final long ARCH_SET_CPUID = 0x1012;
    private static final long PROT_READ = 1;
    private static final long PROT_EXEC = 4;
    private static final long MAP_PRIVATE = 2;
    private static final long MAP_ANONYMOUS = 0x20;
    private static final long CLONE_VM = 0x100;
    private static final long CLONE_THREAD = 0x10000;
    private static final long PAGE = 4096;
    /** The code segment of 64-bit user code on Linux (0x23 is 32-bit compatibility mode). */
    private static final long USER_CS_64 = 0x33;

    /**
     * @param model         the CPU the program sees
     * @param xsaveNarrowed patch the XSAVE family too: needed when the model's XCR0 is smaller than the host's
     * @param cpuidFaulting answer CPUID through the kernel's CPUID faulting where the kernel offers it
     * @param scanner       site scanner, with the site cache
     */
    public record Config(CpuModel model, boolean xsaveNarrowed, boolean cpuidFaulting, CachedSiteScanner scanner) {
    }

    private static final int SYS_PRCTL = SyscallTable.require("prctl");
    /** {@link Tracee#skip} values: why the syscall in progress is not running. */
    private static final int RUNNING = 0;
    private static final int REFUSED = 1;
    private static final int SKIPPED_BY_HOOK = 2;
    private static final long PR_SET_TSC = 26;
    private static final long PR_TSC_SIGSEGV = 2;

    private final Config config;
    private final Ptrace ptrace = new Ptrace();
    private final RunStats stats = new RunStats();
    private final Registers regs = new Registers();
    private final Map<Integer, Tracee> tracees = new HashMap<>();
    private final TrapEmulator emulator;
    /** Whether XSAVE-family sites are patched: to narrow RFBM, or to translate layouts. */
    private final boolean xsavePatched;
    private final SiteInstaller installer;
    private final SyscallInjector injector;
    private final SessionHooks hooks;
    private final boolean everySyscall;
    private final boolean seccompEntries;
    private boolean faultingAvailable;
    /**
     * The resume a stop handler asked for, done together with the next wait in one native call
     * ({@link Ptrace#resumeAndWait}); tid 0 when there is none.
     */
    private int deferredTid;
    private boolean deferredToSyscall;
    private int deferredSignal;
    /** Whether {@link #regs} holds the registers of the task at the stop being handled (read by the wait). */
    private boolean stopRegisters;

    public Tracer(Config config) {
        this(config, SessionHooks.NONE);
    }

    public Tracer(Config config, SessionHooks hooks) {
        LibXrr.require();
        this.config = config;
        this.hooks = hooks;
        this.everySyscall = hooks.wantsEverySyscall();
        this.seccompEntries = everySyscall && hooks.entriesBySeccomp();
        XsaveTranslation translation = XsaveTranslation.between(config.model().table(), config.model().xcr0(), HostCpu.table());
        this.emulator = new TrapEmulator(ptrace, config.model(), translation, stats, hooks);
        this.xsavePatched = config.xsaveNarrowed() || translation != null;
        Set<SiteKind> kinds = EnumSet.of(SiteKind.CPUID, SiteKind.XGETBV);
        if (xsavePatched) {
            for (SiteKind kind : SiteKind.values()) {
                if (kind.dependsOnXcr0()) {
                    kinds.add(kind);
                }
            }
        }
        this.installer = new SiteInstaller(ptrace, config.scanner(), kinds, config.model().xcr0(), translation != null, stats);
        this.injector = new SyscallInjector(ptrace);
        this.faultingAvailable = config.cpuidFaulting();
    }

    /** Runs the program to the exit of its last process. */
    public RunResult run(Launch launch) {
        long start = System.nanoTime();
        int spawn = !everySyscall ? LibXrr.SPAWN_SECCOMP
                : seccompEntries ? LibXrr.SPAWN_NO_ASLR | LibXrr.SPAWN_TRACE_ALL : LibXrr.SPAWN_NO_ASLR;
        int pid = ptrace.spawnAndSeize(launch.path(), launch.argv(), launch.env(), spawn, OPTIONS, name(launch.stdin()),
                name(launch.stdout()), name(launch.stderr()));
        Tracee main = track(new Tracee(pid, pid, new AddressSpace(pid, new PatchTable())));
        main.started = true;
        tracees.put(pid, main);
        stats.processes = 1;
        int exitCode = 0;
        int signal = 0;
        boolean core = false;
        boolean done = false;
        try {
            while (!tracees.isEmpty()) {
                int tid = nextStop();
                if (tid < 0) {
                    break;
                }
                int status = ptrace.lastStatus();
                stats.stops++;
                Tracee t = tracees.get(tid);
                if (!WaitStatus.stopped(status)) {
                    if (tracees.remove(tid) != null) {
                        hooks.onTaskExit(tid, status);
                    }
                    if (tid == pid) {
                        signal = WaitStatus.signaled(status) ? WaitStatus.termSignal(status) : 0;
                        exitCode = signal != 0 ? 128 + signal : WaitStatus.exitCode(status);
                        core = signal != 0 && (status & 0x80) != 0;
                    }
                    continue;
                }
                if (t == null) {
                    // A new task can report its first stop before its parent's clone event names it.
                    track(new Tracee(tid, 0, null));
                    continue;
                }
                try {
                    onStop(t, status);
                } catch (PtraceException e) {
                    if (!e.threadGone()) {
                        throw e;
                    }
                }
            }
            done = true;
        } finally {
            if (!done) {
                killAll();
            }
        }
        stats.wallNanos = System.nanoTime() - start;
        return new RunResult(exitCode, signal, core, stats);
    }

    private void onStop(Tracee t, int status) {
        int sig = WaitStatus.stopSignal(status);
        switch (WaitStatus.event(status)) {
            case Ptrace.EVENT_EXEC -> {
                onExec(t);
                resume(t, 0);
            }
            case Ptrace.EVENT_FORK, Ptrace.EVENT_VFORK, Ptrace.EVENT_CLONE -> {
                onNewTask(t, WaitStatus.event(status));
                resume(t, 0);
            }
            case Ptrace.EVENT_SECCOMP -> {
                if (seccompEntries) {
                    onSyscallEntry(t);
                    resume(t, 0);
                } else {
                    onSeccomp(t);
                }
            }
            case Ptrace.EVENT_STOP -> onEventStop(t, sig);
            default -> onSignal(t, sig);
        }
    }

    private static String name(java.nio.file.Path file) {
        return file == null ? null : file.toString();
    }

    private int nextStop() {
        if (deferredTid == 0) {
            stopRegisters = false;
            return ptrace.waitAny(-1);
        }
        int resumed = deferredTid;
        deferredTid = 0;
        int tid = ptrace.resumeAndWait(resumed, deferredToSyscall, deferredSignal, regs);
        stopRegisters = ptrace.stopRegistersRead();
        return tid;
    }

    /** The registers of the task stopped at a syscall or seccomp stop, read by the wait if it could. */
    private void syscallStopRegisters(Tracee t) {
        if (!stopRegisters) {
            ptrace.getRegs(t.tid, regs);
        }
        stopRegisters = false;
    }

    /**
     * Ends a run that failed: kills every task and reaps it, so that nothing stays stopped or
     * unreaped, and a later run on this thread does not meet its exits.
     */
    private void killAll() {
        tracees.keySet().forEach(tid -> ptrace.kill(tid, SIGKILL));
        while (!tracees.isEmpty()) {
            int tid = ptrace.waitAny(-1);
            if (tid < 0) {
                return;
            }
            if (!WaitStatus.stopped(ptrace.lastStatus())) {
                tracees.remove(tid);
            }
        }
    }

    private Tracee track(Tracee t) {
        t.handle = new TaskHandle(t, injector);
        tracees.put(t.tid, t);
        return t;
    }

    private void onSignal(Tracee t, int sig) {
        if (sig == SYSCALL_STOP) {
            if (t.inSyscall) {
                onSyscallExit(t);
            } else if (everySyscall && !seccompEntries) {
                onSyscallEntry(t);
            }
            resume(t, 0);
        } else if (t.steppingOver != null) {
            emulator.finishStep(t);
            resume(t, sig == SIGTRAP ? 0 : sig);
        } else if (sig == SIGTRAP) {
            int result = emulator.onBreakpoint(t);
            if (result != TrapEmulator.RESUMED) {
                deliver(t, result == TrapEmulator.NOT_OURS ? SIGTRAP : result);
            }
        } else if (sig == SIGSEGV && (t.space.cpuidFaulting || everySyscall)) {
            deliver(t, emulator.onSegv(t));
        } else {
            deliver(t, sig);
        }
    }

    /** The first stop of a new task, or a group-stop (SIGSTOP, Ctrl-Z), which must stay stopped. */
    private void onEventStop(Tracee t, int sig) {
        if (t.steppingOver != null) {
            // A stop came before the stepped instruction ran: back to the site, whose patch traps again later.
            emulator.finishStep(t);
        }
        if (!t.started) {
            t.started = true;
            resume(t, 0);
        } else if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
            ptrace.listen(t.tid);
        } else {
            resume(t, 0);
        }
    }

    private void onExec(Tracee t) {
        int former = (int) ptrace.eventMessage(t.tid);
        if (former != t.tid) {
            tracees.remove(former);
        }
        t.space = new AddressSpace(t.tid, new PatchTable());
        t.steppingOver = null;
        t.inSyscall = false;
        ptrace.getRegs(t.tid, regs);
        if (regs.get(Registers.CS) != USER_CS_64) {
            // 32-bit code: the scanner, the injected SYSCALL and the trampolines are all 64-bit.
            stats.foreignProcesses++;
            return;
        }
        if (xsavePatched) {
            long page = injector.inject(t, SYS_MMAP, 0, SiteInstaller.SCRATCH_SIZE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            t.space.scratch = page < 0 && page > -4096 ? 0 : page;
        }
        if (faultingAvailable) {
            // execve switches CPUID faulting off again, so it is switched on in every new image.
            long r = injector.inject(t, SYS_ARCH_PRCTL, ARCH_SET_CPUID, 0);
            t.space.cpuidFaulting = r == 0;
            faultingAvailable = r == 0;
        }
        if (everySyscall) {
            // RDTSC then faults, so that its value can be recorded and replayed. Injecting also
            // consumes execve's own exit stop, so the next syscall stop is an entry.
            long r = injector.inject(t, SYS_PRCTL, PR_SET_TSC, PR_TSC_SIGSEGV);
            if (r != 0) {
                throw new IllegalStateException("prctl(PR_SET_TSC, PR_TSC_SIGSEGV) failed in process " + t.process
                        + " with " + r + ": RDTSC cannot be trapped");
            }
        }
        install(t, 0, Long.MAX_VALUE);
        ptrace.getRegs(t.tid, regs);
        hooks.onExec(t.handle, regs);
        ptrace.setRegs(t.tid, regs);
    }

    private void onNewTask(Tracee parent, int event) {
        int child = (int) ptrace.eventMessage(parent.tid);
        // clone(CLONE_VM) with SIGCHLD reports as a fork: the flags, not the event, tell what is shared.
        long flags = cloneFlags(parent);
        boolean sharesMemory = event == Ptrace.EVENT_VFORK || (flags & CLONE_VM) != 0;
        AddressSpace space = sharesMemory ? parent.space : parent.space.fork(child);
        if ((flags & CLONE_THREAD) == 0) {
            stats.processes++;
        }
        int process = (flags & CLONE_THREAD) != 0 ? parent.process : child;
        hooks.onNewTask(parent.handle, child, flags, (flags & CLONE_THREAD) == 0);
        Tracee c = tracees.get(child);
        if (c == null) {
            track(new Tracee(child, process, space));
        } else {
            c.space = space;
            c.process = process;
            c.started = true;
            resume(c, 0);
        }
    }

    private long cloneFlags(Tracee parent) {
        ptrace.getRegs(parent.tid, regs);
        long nr = regs.get(Registers.ORIG_RAX);
        if (nr == SYS_CLONE) {
            return regs.get(Registers.RDI);
        }
        if (nr == SYS_CLONE3) {
            return ptrace.peek(parent.tid, regs.get(Registers.RDI));
        }
        return 0;
    }

    private void onSeccomp(Tracee t) {
        syscallStopRegisters(t);
        long nr = regs.get(Registers.ORIG_RAX);
        if (nr == SYS_MMAP || nr == SYS_MPROTECT || nr == SYS_PKEY_MPROTECT) {
            t.syscallStart = regs.get(Registers.RDI);
            t.syscallLength = regs.get(Registers.RSI);
            t.inSyscall = true;
            defer(t.tid, true, 0);
            return;
        }
        if (nr == SYS_ARCH_PRCTL && (int) regs.get(Registers.RDI) == ARCH_SET_CPUID && t.space.cpuidFaulting) {
            // The program may not switch off the faulting its CPU model depends on: skip the call, report success.
            regs.set(Registers.ORIG_RAX, -1);
            regs.set(Registers.RAX, 0);
            ptrace.setRegs(t.tid, regs);
        }
        resume(t, 0);
    }

    /**
     * A syscall-entry stop, when the session stops at every syscall: the same bookkeeping the
     * seccomp stop does, then the session's hook.
     */
    private void onSyscallEntry(Tracee t) {
        t.inSyscall = true;
        syscallStopRegisters(t);
        long nr = regs.get(Registers.ORIG_RAX);
        t.syscallStart = regs.get(Registers.RDI);
        t.syscallLength = regs.get(Registers.RSI);
        t.syscallNumber = nr;
        if (nr == SYS_ARCH_PRCTL && (int) regs.get(Registers.RDI) == ARCH_SET_CPUID && t.space.cpuidFaulting) {
            regs.set(Registers.ORIG_RAX, -1);
            ptrace.setRegs(t.tid, regs);
            t.skip = REFUSED;
            return;
        }
        t.skip = RUNNING;
        SessionHooks.Entry entry = hooks.onSyscallEntry(t.handle, regs);
        if (entry == SessionHooks.Entry.ANSWERED && seccompEntries) {
            // Skipped at a seccomp stop, the call returns what RAX holds: no exit stop needed.
            regs.set(Registers.ORIG_RAX, -1);
            ptrace.setRegs(t.tid, regs);
            t.inSyscall = false;
        } else if (entry != SessionHooks.Entry.RUN) {
            regs.set(Registers.ORIG_RAX, -1);
            t.skip = SKIPPED_BY_HOOK;
            ptrace.setRegs(t.tid, regs);
        }
    }

    private void onSyscallExit(Tracee t) {
        t.inSyscall = false;
        syscallStopRegisters(t);
        if (everySyscall) {
            if (t.skip == REFUSED) {
                // The program may not switch off the faulting its CPU model depends on.
                regs.set(Registers.RAX, 0);
                ptrace.setRegs(t.tid, regs);
                return;
            }
            // A skipped call shows ORIG_RAX -1; the hook sees the number the program asked for.
            long shownOrigRax = regs.get(Registers.ORIG_RAX);
            long result = regs.get(Registers.RAX);
            regs.set(Registers.ORIG_RAX, t.syscallNumber);
            hooks.onSyscallExit(t.handle, regs);
            // A restart code makes the kernel restart the call or turn it into EINTR, as it did
            // when the call really ran, but only if ORIG_RAX still names the call.
            long rax = regs.get(Registers.RAX);
            regs.set(Registers.ORIG_RAX, Errno.isRestart(rax) ? t.syscallNumber : shownOrigRax);
            if (t.skip == SKIPPED_BY_HOOK || rax != result) {
                ptrace.setRegs(t.tid, regs);
            }
            if (t.syscallNumber != SYS_MMAP && t.syscallNumber != SYS_MPROTECT && t.syscallNumber != SYS_PKEY_MPROTECT) {
                return;
            }
        }
        long result = regs.get(Registers.RAX);
        if (result < 0 && result > -4096) {
            return;
        }
        boolean mapped = regs.get(Registers.ORIG_RAX) == SYS_MMAP;
        long start = (mapped ? result : t.syscallStart) & -PAGE;
        long end = (start + t.syscallLength + PAGE - 1) & -PAGE;
        if (mapped) {
            // New memory: whatever was patched at these addresses before is gone.
            t.space.patches.removeRange(start, end);
        }
        install(t, start, end);
    }

    private void install(Tracee t, long start, long end) {
        try {
            installer.install(t, start, end);
        } catch (IOException e) {
            throw new UncheckedIOException("scanning the new code of process " + t.space.pid + ": " + e.getMessage(), e);
        }
    }

    /** Resumes a task at a signal-delivery stop, with the signal the session lets through. */
    private void deliver(Tracee t, int sig) {
        resume(t, sig == 0 ? 0 : hooks.onSignal(t.handle, sig));
    }

    private void resume(Tracee t, int sig) {
        if (sig == 0 && t.pendingSignal != 0) {
            sig = t.pendingSignal;
            t.pendingSignal = 0;
        }
        if (sig == 0 && !t.inSyscall) {
            sig = hooks.signalToInject(t.handle);
        }
        defer(t.tid, everySyscall && (t.inSyscall || !seccompEntries), sig);
    }

    private void defer(int tid, boolean toSyscall, int sig) {
        if (deferredTid != 0) {
            // One stop resumed two tasks (a parent and its new child): the first goes now.
            flushDeferred();
        }
        deferredTid = tid;
        deferredToSyscall = toSyscall;
        deferredSignal = sig;
    }

    private void flushDeferred() {
        int tid = deferredTid;
        deferredTid = 0;
        try {
            if (deferredToSyscall) {
                ptrace.syscall(tid, deferredSignal);
            } else {
                ptrace.cont(tid, deferredSignal);
            }
        } catch (PtraceException e) {
            if (!e.threadGone()) {
                throw e;
            }
        }
    }
}
