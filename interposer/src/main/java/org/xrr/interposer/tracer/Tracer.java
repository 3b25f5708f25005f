package org.xrr.interposer.tracer;

import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.cpu.XsaveTranslation;
import org.xrr.interposer.ptrace.CpuBinding;
import org.xrr.interposer.ptrace.Errno;
import org.xrr.interposer.ptrace.LibXrr;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.PtraceException;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.ptrace.WaitStatus;
import org.xrr.interposer.syscall.SyscallTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a program and every process and thread it starts under ptrace, presenting the CPU model.
 * One thread does everything (Linux binds a tracee to the thread that attached it), so
 * {@link #run} must be called on a thread that does nothing else meanwhile.
 *
 * <p>Stops happen only where there is work: the seccomp filter installed at spawn stops just the
 * syscalls that make memory executable, and patched sites stop with int3.
 *
 * <p>In sessions that want every syscall (record, replay), the threads of a process run one at a
 * time ({@link ProcessTurn}): a thread that reports a stop while another has the turn keeps that
 * stop, unhandled, until the turn is its own.
 */
public final class Tracer {
    private static final int OPTIONS = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEFORK | Ptrace.O_TRACEVFORK
            | Ptrace.O_TRACECLONE | Ptrace.O_TRACEEXEC | Ptrace.O_TRACESECCOMP | Ptrace.O_EXITKILL;
    /** {@link Tracee#heldStatus} of a thread that stopped where nothing is left to handle. */
    static final int RESUME = -1;
    /** How long a thread may run user code while others wait for the turn. */
    private static final long SLICE_NANOS = 50_000_000;
    /** si_code of a hardware breakpoint's SIGTRAP. */
    private static final int TRAP_HWBKPT = 4;
    private static final int SIGILL = 4;
    private static final int SIGTRAP = 5;
    private static final int SIGBUS = 7;
    private static final int SIGFPE = 8;
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
    private static final int SYS_SCHED_GETAFFINITY = SyscallTable.require("sched_getaffinity");
    private static final int SYS_EXIT = SyscallTable.require("exit");
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
    /** The turns of the live processes, for their time slices. */
    private final List<ProcessTurn> turns = new ArrayList<>();
    private final TrapEmulator emulator;
    /** Whether XSAVE-family sites are patched: to narrow RFBM, or to translate layouts. */
    private final boolean xsavePatched;
    private final SiteInstaller installer;
    private final SyscallInjector injector;
    private final SessionHooks hooks;
    private final boolean everySyscall;
    private final boolean seccompEntries;
    private final boolean preempting;
    private boolean faultingAvailable;
    /** The CPU the session's tasks are bound to, while a session that stops at every syscall runs. */
    private CpuBinding binding;

    public Tracer(Config config) {
        this(config, SessionHooks.NONE);
    }

    public Tracer(Config config, SessionHooks hooks) {
        LibXrr.require();
        this.config = config;
        this.hooks = hooks;
        this.everySyscall = hooks.wantsEverySyscall();
        this.seccompEntries = everySyscall && hooks.entriesBySeccomp();
        this.preempting = hooks.preemptsSpinners();
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
        try (CpuBinding bound = everySyscall ? CpuBinding.bindToCurrentCpu() : null) {
            binding = bound;
            return trace(launch);
        } finally {
            binding = null;
        }
    }

    private RunResult trace(Launch launch) {
        long start = System.nanoTime();
        int spawn = !everySyscall ? LibXrr.SPAWN_SECCOMP
                : seccompEntries ? LibXrr.SPAWN_NO_ASLR | LibXrr.SPAWN_TRACE_ALL : LibXrr.SPAWN_NO_ASLR;
        int pid = ptrace.spawnAndSeize(launch.path(), launch.argv(), launch.env(), spawn, OPTIONS, name(launch.stdin()),
                name(launch.stdout()), name(launch.stderr()));
        Tracee main = track(new Tracee(pid, pid, new AddressSpace(pid, new PatchTable())));
        main.started = true;
        join(main, new ProcessTurn());
        tracees.put(pid, main);
        stats.processes = 1;
        int exitCode = 0;
        int signal = 0;
        boolean core = false;
        boolean done = false;
        try {
            while (!tracees.isEmpty()) {
                int tid = waitNext();
                if (tid == 0) {
                    endSlices();
                    continue;
                }
                if (tid < 0) {
                    break;
                }
                int status = ptrace.lastStatus();
                stats.stops++;
                Tracee t = tracees.get(tid);
                if (!WaitStatus.stopped(status)) {
                    if (tracees.remove(tid) != null) {
                        hooks.onTaskExit(tid, status);
                        leave(t);
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
                    track(new Tracee(tid, 0, null)).heldStatus = status;
                    continue;
                }
                step(t, status);
                dispatch(t.turn);
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

    /**
     * Handles a stop if the thread may go on: it has the turn or nobody has, and the session lets
     * it begin its next event. A stop inside what the thread began (a syscall's exit, a step over
     * a patched site) needs the turn only. Otherwise the thread waits, keeping its stop.
     */
    private void step(Tracee t, int status) {
        ProcessTurn turn = t.turn;
        if (everySyscall && (!turn.free(t)
                || turn.threads > 1 && !t.inSyscall && t.steppingOver == null && !t.framing
                && !hooks.mayRun(t.handle, deliveredSignal(status)))) {
            t.heldStatus = status;
            turn.waiting.add(t);
            turn.release(t);
            return;
        }
        turn.take(t, SLICE_NANOS);
        try {
            if (status == RESUME) {
                resume(t, 0);
            } else {
                onStop(t, status);
            }
        } catch (PtraceException e) {
            if (!e.threadGone()) {
                throw e;
            }
        }
    }

    /** The signal of a signal-delivery stop, 0 for any other stop. */
    private static int deliveredSignal(int status) {
        if (status == RESUME || WaitStatus.event(status) != 0) {
            return 0;
        }
        int sig = WaitStatus.stopSignal(status);
        return sig == SYSCALL_STOP ? 0 : sig;
    }

    /** While nobody has the turn, gives it to the first waiting thread that may go on. */
    private void dispatch(ProcessTurn turn) {
        while (turn != null && turn.holder == null && !turn.waiting.isEmpty()) {
            Tracee next = null;
            for (Tracee w : turn.waiting) {
                if (w.inSyscall || w.steppingOver != null || w.framing || turn.threads <= 1
                        || hooks.mayRun(w.handle, deliveredSignal(w.heldStatus))) {
                    next = w;
                    break;
                }
            }
            if (next == null) {
                if (turn.waiting.size() == turn.threads) {
                    throw new IllegalStateException("no thread of process " + turn.waiting.peek().process
                            + " may run: every one waits for an event another has next");
                }
                return;
            }
            turn.waiting.remove(next);
            step(next, next.heldStatus);
        }
    }

    /** Makes the thread wait where it is, with nothing left to handle, and gives up its turn. */
    private void yieldTurn(Tracee t) {
        t.heldStatus = RESUME;
        t.turn.waiting.add(t);
        t.turn.release(t);
    }

    private void join(Tracee t, ProcessTurn turn) {
        t.turn = turn;
        if (turn.threads++ == 0) {
            turns.add(turn);
        }
    }

    /** A task ended: its process's turn goes on without it. */
    private void leave(Tracee t) {
        ProcessTurn turn = t == null ? null : t.turn;
        if (turn == null) {
            return;
        }
        turn.waiting.remove(t);
        turn.release(t);
        if (--turn.threads == 0) {
            turns.remove(turn);
        }
        dispatch(turn);
    }

    /**
     * The next stop; when threads that run user code keep others waiting and the session preempts
     * them, 0 once the earliest of their time slices ends.
     */
    private int waitNext() {
        if (preempting) {
            long deadline = Long.MAX_VALUE;
            for (int i = 0; i < turns.size(); i++) {
                ProcessTurn turn = turns.get(i);
                if (turn.holder != null && !turn.waiting.isEmpty()) {
                    deadline = Math.min(deadline, turn.sliceEnd);
                }
            }
            if (deadline != Long.MAX_VALUE) {
                long left = deadline - System.nanoTime();
                return left <= 0 ? 0 : ptrace.waitAny(-1, left);
            }
        }
        return ptrace.waitAny(-1);
    }

    /**
     * Ends the time slices that are over while others wait: a holder inside a syscall is not
     * running user code, so it just gives up the turn (its exit waits for it again); one in user
     * code is interrupted, and preempted where it stops.
     */
    private void endSlices() {
        long now = System.nanoTime();
        for (int i = 0; i < turns.size(); i++) {
            ProcessTurn turn = turns.get(i);
            Tracee holder = turn.holder;
            if (holder == null || turn.waiting.isEmpty() || now < turn.sliceEnd) {
                continue;
            }
            turn.sliceEnd = now + SLICE_NANOS;
            if (holder.inSyscall) {
                turn.release(holder);
                dispatch(turn);
            } else if (!holder.interrupting) {
                holder.interrupting = true;
                ptrace.interrupt(holder.tid);
            }
        }
    }

    /**
     * The stop a time slice's interrupt asked for: the thread is in user code, where it is
     * preempted if others still wait. Not where the interrupt cut short a syscall that the kernel
     * is about to restart: replay could not stop there.
     */
    private boolean preempt(Tracee t) {
        t.interrupting = false;
        if (t.turn.holder != t || t.turn.waiting.isEmpty() || t.inSyscall) {
            return false;
        }
        ptrace.getRegs(t.tid, regs);
        if (regs.get(Registers.ORIG_RAX) >= 0 && Errno.isRestart(regs.get(Registers.RAX))) {
            return false;
        }
        hooks.onPreempt(t.handle, regs);
        yieldTurn(t);
        return true;
    }

    private void onStop(Tracee t, int status) {
        t.stoppedAtReturn = t.returning;
        t.returning = false;
        t.eventStop = WaitStatus.event(status) != 0;
        int sig = WaitStatus.stopSignal(status);
        t.deliveryStop = !t.eventStop && sig != SYSCALL_STOP;
        if (t.framing) {
            t.framing = false;
            if (t.deliveryStop && sig == SIGTRAP) {
                onSignalFrame(t);
                return;
            }
            // The kernel could not set up the handler (no room for the frame): it forces a SIGSEGV.
            hooks.onSignalFrame(t.handle, null);
        }
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
        t.handle = new TaskHandle(t, injector, ptrace);
        tracees.put(t.tid, t);
        return t;
    }

    private void onSignal(Tracee t, int sig) {
        if (sig == SYSCALL_STOP) {
            if (t.inSyscall) {
                onSyscallExit(t);
                t.returning = true;
                t.returnRip = regs.rip();
            } else if (everySyscall && !seccompEntries) {
                onSyscallEntry(t);
            }
            resume(t, 0);
        } else if (t.steppingOver != null) {
            emulator.finishStep(t);
            resume(t, sig == SIGTRAP ? 0 : sig);
        } else if (sig == SIGTRAP && t.breakpoint != 0 && onBreakpoint(t)) {
            return;
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

    /**
     * The thread stands at a signal handler's first instruction, its frame written: the session
     * records the frame, or in replay writes the recorded one. A stop that resuming with a signal
     * would not deliver: one to inject then is sent.
     */
    private void onSignalFrame(Tracee t) {
        ptrace.getRegs(t.tid, regs);
        long rsp = regs.get(Registers.RSP);
        long rsi = regs.get(Registers.RSI);
        long rdx = regs.get(Registers.RDX);
        hooks.onSignalFrame(t.handle, regs);
        if (regs.get(Registers.RSP) != rsp || regs.get(Registers.RSI) != rsi || regs.get(Registers.RDX) != rdx) {
            ptrace.setRegs(t.tid, regs);
        }
        t.deliveryStop = false;
        t.eventStop = true;
        resume(t, 0);
    }

    /** Whether the trap was the session's hardware breakpoint, which it then handled. */
    private boolean onBreakpoint(Tracee t) {
        ptrace.getRegs(t.tid, regs);
        if (regs.rip() != t.breakpoint || ptrace.sigInfoCode(t.tid) != TRAP_HWBKPT) {
            return false;
        }
        SessionHooks.Breakpoint b = hooks.onBreakpoint(t.handle, regs);
        if (b == SessionHooks.Breakpoint.NOT_OURS) {
            return false;
        }
        if (b == SessionHooks.Breakpoint.REACHED) {
            yieldTurn(t);
        } else {
            resume(t, 0);
        }
        return true;
    }

    /**
     * The first stop of a new task, a group-stop (SIGSTOP, Ctrl-Z), which must stay stopped, or
     * the stop a time slice's interrupt asked for.
     */
    private void onEventStop(Tracee t, int sig) {
        if (t.steppingOver != null) {
            // A stop came before the stepped instruction ran: back to the site, whose patch traps again later.
            emulator.finishStep(t);
        }
        if (!t.started) {
            t.started = true;
            if (everySyscall) {
                // A new task starts as its clone returns: a signal waiting for it comes at that boundary.
                ptrace.getRegs(t.tid, regs);
                t.returning = true;
                t.returnRip = regs.rip();
            }
            resume(t, 0);
        } else if (t.interrupting && preempt(t)) {
            return;
        } else if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
            ptrace.listen(t.tid);
        } else {
            resume(t, 0);
        }
    }

    private void onExec(Tracee t) {
        int former = (int) ptrace.eventMessage(t.tid);
        if (former != t.tid) {
            // A thread other than the leader executed: it goes on under the leader's id.
            leave(tracees.remove(former));
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
        ProcessTurn turn = (flags & CLONE_THREAD) != 0 ? parent.turn : new ProcessTurn();
        Tracee c = tracees.get(child);
        if (c == null) {
            join(track(new Tracee(child, process, space)), turn);
        } else {
            c.space = space;
            c.process = process;
            join(c, turn);
            step(c, c.heldStatus);
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
        ptrace.getRegs(t.tid, regs);
        long nr = regs.get(Registers.ORIG_RAX);
        if (nr == SYS_MMAP || nr == SYS_MPROTECT || nr == SYS_PKEY_MPROTECT) {
            t.syscallStart = regs.get(Registers.RDI);
            t.syscallLength = regs.get(Registers.RSI);
            t.inSyscall = true;
            ptrace.syscall(t.tid, 0);
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
        ptrace.getRegs(t.tid, regs);
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
        if (entry == SessionHooks.Entry.RUN && SyscallTable.mayBlock(nr) && (nr != SYS_EXIT || t.tid == t.process)) {
            // Others run while it waits. A thread other than the leader keeps the turn through
            // exit until it is gone: the kernel then has cleared its thread id for pthread_join.
            t.turn.release(t);
        }
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
        ptrace.getRegs(t.tid, regs);
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
            if (t.syscallNumber == SYS_SCHED_GETAFFINITY && t.skip == RUNNING && binding != null && result > 0) {
                // Before the session records what the call wrote.
                binding.showUnbound(t.tid, regs.get(Registers.RDX), (int) result);
            }
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

    /**
     * Resumes a task at a signal-delivery stop, with the signal the session lets through.
     *
     * <p>A signal that comes as a syscall returns is delivered at that event boundary, where
     * replay makes it pending again. One that stops the thread in the middle of user code, for a
     * handler (a timer's SIGALRM ending a busy loop), gets a boundary of its own when recording:
     * the point is recorded as a preemption, which replay reaches by breakpoint and delivers the
     * signal there. Faults need none: they happen again by themselves.
     */
    private void deliver(Tracee t, int sig) {
        if (sig != 0 && preempting && !t.inSyscall && !synchronous(t, sig) && SignalDisposition.caught(t.tid, sig)) {
            ptrace.getRegs(t.tid, regs);
            // Right after a syscall, the thread has not run since: ORIG_RAX still names the call.
            boolean atReturn = t.stoppedAtReturn && regs.rip() == t.returnRip && regs.get(Registers.ORIG_RAX) >= 0;
            if (!atReturn) {
                hooks.onPreempt(t.handle, regs);
            }
        }
        resume(t, sig == 0 ? 0 : hooks.onSignal(t.handle, sig));
    }

    /** A fault the thread's own instruction raised (si_code > 0 from the kernel), not a signal sent to it. */
    private boolean synchronous(Tracee t, int sig) {
        boolean fault = sig == SIGILL || sig == SIGTRAP || sig == SIGBUS || sig == SIGFPE || sig == SIGSEGV;
        return fault && ptrace.sigInfoCode(t.tid) > 0;
    }

    private void resume(Tracee t, int sig) {
        if (t.turn != null) {
            hooks.beforeResume(t.handle);
        }
        if (sig == 0 && t.pendingSignal != 0) {
            sig = t.pendingSignal;
            t.pendingSignal = 0;
        }
        if (sig == 0 && !t.inSyscall) {
            sig = hooks.signalToInject(t.handle);
        }
        if (sig != 0 && t.deliveryStop && everySyscall) {
            if (SignalDisposition.caught(t.tid, sig)) {
                t.framing = true;
                ptrace.singleStep(t.tid, sig);
                return;
            }
            hooks.onSignalFrame(t.handle, null);
        }
        if (sig != 0 && t.eventStop) {
            // The kernel ignores a signal given to resume a ptrace event stop: it is sent instead.
            ptrace.tgkill(t.process, t.tid, sig);
            sig = 0;
        }
        if (everySyscall && (t.inSyscall || !seccompEntries)) {
            ptrace.syscall(t.tid, sig);
        } else {
            ptrace.cont(t.tid, sig);
        }
    }
}
