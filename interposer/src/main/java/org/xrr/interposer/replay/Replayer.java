package org.xrr.interposer.replay;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.ptrace.Errno;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.ptrace.TaskMemory;
import org.xrr.interposer.ptrace.WaitStatus;
import org.xrr.interposer.ptrace.WritableMemoryHash;
import org.xrr.interposer.syscall.Disposition;
import org.xrr.interposer.syscall.Syscall;
import org.xrr.interposer.syscall.SyscallTable;
import org.xrr.interposer.trace.CloneEvent;
import org.xrr.interposer.trace.ExecEvent;
import org.xrr.interposer.trace.ExitEvent;
import org.xrr.interposer.trace.MappedFileEvent;
import org.xrr.interposer.trace.MemoryWrite;
import org.xrr.interposer.trace.PreemptionEvent;
import org.xrr.interposer.trace.SignalEvent;
import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TrapEvent;
import org.xrr.interposer.tracer.AuxVector;
import org.xrr.interposer.tracer.SessionHooks;
import org.xrr.interposer.tracer.SignalFrame;
import org.xrr.interposer.tracer.TaskHandle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The session hooks of {@code xrr replay}: each stop is matched against the next recorded event
 * of its task. Recorded and real task ids differ (the kernel picks them), so tasks are paired as
 * they appear: the first exec with the recording's first task, each child with the one its
 * parent's recorded clone named.
 */
public final class Replayer implements SessionHooks {
    private static final int MMAP = SyscallTable.require("mmap");
    private static final int MUNMAP = SyscallTable.require("munmap");
    private static final int OPENAT = SyscallTable.require("openat");
    private static final int CLOSE = SyscallTable.require("close");
    private static final int CHDIR = SyscallTable.require("chdir");
    private static final int EXECVE = SyscallTable.require("execve");
    private static final int EXECVEAT = SyscallTable.require("execveat");
    private static final int EXIT = SyscallTable.require("exit");
    private static final int CLONE = SyscallTable.require("clone");
    private static final int FORK = SyscallTable.require("fork");
    private static final int VFORK = SyscallTable.require("vfork");
    private static final int EXIT_GROUP = SyscallTable.require("exit_group");
    private static final int RESTART_SYSCALL = SyscallTable.require("restart_syscall");
    /** The length of the SYSCALL instruction, which a restarted call runs again. */
    private static final int SYSCALL_INSTRUCTION = 2;
    private static final long MAP_PRIVATE = 0x02;
    private static final long MAP_FIXED = 0x10;
    private static final long MAP_ANONYMOUS = 0x20;
    private static final long PROT_READ = 1;
    private static final long PROT_WRITE = 2;
    private static final long AT_FDCWD = -100;
    private static final long O_RDONLY_CLOEXEC = 0x80000;
    private static final int SCRATCH = 4096;
    private static final int SIGILL = 4;
    private static final int SIGTRAP = 5;
    private static final int SIGBUS = 7;
    private static final int SIGFPE = 8;
    private static final int SIGSEGV = 11;
    /** The resume flag, which the kernel sets in EFLAGS at a hardware breakpoint so that the thread can go on. */
    private static final long EFLAGS_RF = 0x10000;
    /**
     * Hits of a preemption's breakpoint after which the point counts as missed. Each costs a
     * stop, so a loop whose every turn differs (a counter in a register) replays slowly, but ends.
     */
    private static final long MAX_BREAKPOINT_HITS = 20_000_000;

    /** What a task is in the middle of, between a syscall's entry and exit stops. */
    private static final class InSyscall {
        RecordedEvent recorded;
        Syscall syscall;
        boolean skipped;
        MappedFileEvent mappedFile;
    }

    private final EventQueue events;
    private final Ptrace ptrace;
    private final DivergenceReport report;
    private final ConsoleEcho echo;
    private final int recordedMain;
    private final String workingDirectory;
    /** Packed copies to map in place of changed or missing files, by recorded path. */
    private final Map<String, String> substitutes;
    private final Map<Integer, Integer> recordedOf = new HashMap<>();
    private final Map<Integer, InSyscall> inSyscall = new HashMap<>();
    /** Tasks resumed with a recorded signal made pending, not yet delivered. */
    private final Map<Integer, Integer> injectedSignal = new HashMap<>();
    private final Registers scratch = new Registers();
    /** Signals delivered whose handler's frame is still to write. */
    private final Map<Integer, SignalEvent> unframed = new HashMap<>();
    private long breakpointHits;

    /**
     * @param substitutes the files to map in place of recorded paths (packed copies), by recorded path
     * @param echo        shows the program's terminal output again; null to keep quiet
     */
    Replayer(EventQueue events, Ptrace ptrace, int recordedMain, String workingDirectory, Map<String, String> substitutes,
             DivergenceReport report, ConsoleEcho echo) {
        this.workingDirectory = workingDirectory;
        this.substitutes = Map.copyOf(substitutes);
        this.events = events;
        this.ptrace = ptrace;
        this.recordedMain = recordedMain;
        this.report = report;
        this.echo = echo;
    }

    @Override
    public boolean wantsEverySyscall() {
        return true;
    }

    @Override
    public boolean entriesBySeccomp() {
        return true;
    }

    @Override
    public void onExec(TaskHandle task, Registers regs) {
        if (recordedOf.putIfAbsent(task.tid(), recordedMain) == null) {
            // The program starts where it was recorded: relative paths it executes must resolve alike.
            long r = withPath(task, workingDirectory, page -> task.inject(CHDIR, page));
            if (r != 0) {
                throw new IllegalStateException("cannot replay in the recording's working directory " + workingDirectory
                        + ": chdir failed with " + r);
            }
        }
        RecordedEvent r = expect(task, regs, ExecEvent.class, "an exec");
        ExecEvent e = (ExecEvent) r.event();
        AuxVector aux = AuxVector.atExec(ptrace, task.tid(), regs.get(Registers.RSP));
        aux.hide(AuxVector.AT_SYSINFO_EHDR);
        write(task, aux.value(AuxVector.AT_RANDOM), e.atRandom());
        String exe = executable(task);
        if (!exe.equals(e.path())) {
            throw report.divergence(r, recordedOf.get(task.tid()), "the program executed " + exe, task, regs);
        }
        List<String> arguments = aux.arguments();
        if (!arguments.equals(e.argv())) {
            throw report.divergence(r, recordedOf.get(task.tid()), "the program executed " + exe + " with arguments "
                    + arguments, task, regs);
        }
    }

    @Override
    public Entry onSyscallEntry(TaskHandle task, Registers regs) {
        int nr = (int) regs.get(Registers.ORIG_RAX);
        if (recordedOf.isEmpty()) {
            // The launcher's own execve, which the seccomp filter stops before the program's exec stop.
            recordedOf.put(task.tid(), recordedMain);
        }
        int tid = recorded(task);
        RecordedEvent next = events.peek(tid);
        if (next != null && next.event() instanceof ExecEvent && (nr == EXECVE || nr == EXECVEAT)) {
            // A successful exec: its event comes at the exec stop, and the call has no exit stop.
            inSyscall.remove(task.tid());
            return Entry.RUN;
        }
        if (next != null && next.event() instanceof ExitEvent && (nr == EXIT || nr == EXIT_GROUP)) {
            // These never return: the task's exit event follows.
            return Entry.RUN;
        }
        if (next != null && next.event() instanceof CloneEvent && (nr == CLONE || nr == FORK || nr == VFORK)) {
            // A fork or clone: its new task's event comes first, and the call's own at its exit.
            InSyscall s = inSyscall.computeIfAbsent(task.tid(), t -> new InSyscall());
            s.recorded = null;
            s.syscall = SyscallTable.get(nr);
            s.skipped = false;
            return Entry.RUN;
        }
        MappedFileEvent mapped = null;
        if (next != null && next.event() instanceof MappedFileEvent m) {
            events.next(tid);
            mapped = m;
            next = events.peek(tid);
        }
        RecordedEvent r = expectSyscall(task, regs, nr);
        SyscallEvent e = (SyscallEvent) r.event();
        InSyscall s = inSyscall.computeIfAbsent(task.tid(), t -> new InSyscall());
        s.recorded = r;
        s.syscall = SyscallTable.get(nr);
        s.mappedFile = mapped;
        boolean fileMapping = nr == MMAP && (e.arg(3) & MAP_ANONYMOUS) == 0 && e.result() >= 0;
        s.skipped = s.syscall.disposition() != Disposition.EXECUTE || fileMapping;
        if (!s.skipped) {
            return Entry.RUN;
        }
        if (fileMapping || Errno.isRestart(e.result()) || events.peek(tid) != null && events.peek(tid).event() instanceof SignalEvent) {
            // These need the exit stop: a file to map by injected syscalls, a restart code the
            // kernel acts on as the call returns, a signal to make pending right after it.
            return Entry.SKIP;
        }
        answer(task, regs, s, e);
        return Entry.ANSWERED;
    }

    /** The task's next event, which must be this syscall with these arguments. */
    private RecordedEvent expectSyscall(TaskHandle task, Registers regs, int nr) {
        RecordedEvent r = expect(task, regs, SyscallEvent.class, "syscall " + SyscallTable.name(nr).orElse("#" + nr));
        SyscallEvent e = (SyscallEvent) r.event();
        if (e.number() != nr) {
            throw report.divergence(r, recordedOf.get(task.tid()), "the program made syscall " + describe(nr, regs), task, regs);
        }
        for (int i = 0; i < SyscallEvent.ARGS; i++) {
            if (regs.syscallArg(i) != e.arg(i)) {
                throw report.divergence(r, recordedOf.get(task.tid()), "the program made syscall " + describe(nr, regs) + ": argument " + (i + 1)
                        + " differs", task, regs);
            }
        }
        return r;
    }

    @Override
    public void onSyscallExit(TaskHandle task, Registers regs) {
        InSyscall s = inSyscall.get(task.tid());
        if (s == null) {
            // Only an exec that the recording saw succeed returns here: it failed.
            throw report.divergence(events.peek(recorded(task)), recorded(task), "execve failed with "
                    + Errno.describe(regs.get(Registers.RAX)), task, regs);
        }
        if (s.recorded == null) {
            if (Errno.isRestart(regs.get(Registers.RAX))) {
                // A signal of the replay's own (a real child's SIGCHLD) came before the new task
                // was made: the kernel makes the call again, and its clone event is still to come.
                return;
            }
            s.recorded = expectSyscall(task, regs, s.syscall.number());
        }
        SyscallEvent e = (SyscallEvent) s.recorded.event();
        if (s.syscall.number() == MMAP && s.skipped && s.syscall.disposition() == Disposition.EXECUTE) {
            mapFile(task, regs, s, e);
        } else if (!s.skipped) {
            long result = regs.get(Registers.RAX);
            if (result != e.result() && !s.syscall.returnsThreadId()) {
                throw report.divergence(s.recorded, recordedOf.get(task.tid()), "syscall " + s.syscall.name() + " returned " + result, task, regs);
            }
        }
        answer(task, regs, s, e);
    }

    /** Gives the task the recorded result and outputs of its syscall, and shows its terminal output. */
    private void answer(TaskHandle task, Registers regs, InSyscall s, SyscallEvent e) {
        regs.set(Registers.RAX, e.result());
        RecordedEvent then = events.peek(recorded(task));
        if (Errno.isRestart(e.result()) && !(then != null && then.event() instanceof SignalEvent)) {
            // The kernel acts on a restart code only while a signal is pending: in the recording
            // one was, for another thread (a process's SIGCHLD wakes each of them), and the call
            // started again. Without one here, the call is started again as the kernel did.
            regs.set(Registers.RAX, e.result() == -Errno.ERESTART_RESTARTBLOCK ? RESTART_SYSCALL : s.syscall.number());
            regs.set(Registers.RIP, regs.rip() - SYSCALL_INSTRUCTION);
        }
        for (MemoryWrite w : e.memory()) {
            write(task, w.address(), w.bytes());
        }
        if (echo != null) {
            echo.afterSyscall(recordedOf.get(task.pid()), task.tid(), s.recorded.index(), e, events.replayedBefore());
        }
    }

    @Override
    public void onNewTask(TaskHandle parent, int child, long cloneFlags, boolean newProcess) {
        RecordedEvent r = expect(parent, null, CloneEvent.class, "a new task");
        int recordedChild = ((CloneEvent) r.event()).childTid();
        recordedOf.put(child, recordedChild);
        if (newProcess && echo != null) {
            echo.onNewProcess(recordedOf.get(parent.pid()), recordedChild);
        }
    }

    @Override
    public void onTaskExit(int tid, int status) {
        injectedSignal.remove(tid);
        Integer recorded = recordedOf.get(tid);
        if (recorded == null) {
            return;
        }
        RecordedEvent r = events.next(recorded);
        int signal = WaitStatus.signaled(status) ? WaitStatus.termSignal(status) : 0;
        int code = signal != 0 ? 0 : WaitStatus.exitCode(status);
        if (!(r != null && r.event() instanceof ExitEvent e && e.status() == code && e.signal() == signal)) {
            throw report.divergence(r, recorded, "task ended with " + (signal != 0 ? "signal " + signal : "status " + code));
        }
    }

    @Override
    public void onTrap(TaskHandle task, SiteKind kind, long rip, long[] in, long[] out) {
        RecordedEvent r = expect(task, null, TrapEvent.class, kind.mnemonic());
        TrapEvent e = (TrapEvent) r.event();
        if (e.site() != kind || e.rip() != rip || !Arrays.equals(e.inputs(), in) || !Arrays.equals(e.outputs(), out)) {
            throw report.divergence(r, recordedOf.get(task.tid()), kind.mnemonic() + " at 0x" + Long.toHexString(rip)
                    + " with inputs " + Arrays.toString(in) + " gave " + Arrays.toString(out));
        }
    }

    /**
     * A recorded signal is delivered where the recording had it: a fault happens by itself at its
     * instruction; any other signal is made pending by {@link #signalToInject} right after the
     * event it followed. Signals that arrive in replay by themselves (a real child's SIGCHLD)
     * are discarded: their recorded counterparts are the ones the program gets.
     */
    @Override
    public int onSignal(TaskHandle task, int signal) {
        int tid = recorded(task);
        RecordedEvent next = events.peek(tid);
        // Another signal may stop the task first (a real one, discarded): the injected one stays
        // pending in the kernel and still counts as injected when it comes.
        boolean injected = injectedSignal.remove(task.tid(), signal);
        if (next != null && next.event() instanceof SignalEvent e && e.signal() == signal && (injected || isFault(signal))) {
            events.next(tid);
            ptrace.setSigInfo(task.tid(), e.siginfo());
            unframed.put(task.tid(), e);
            return signal;
        }
        return 0;
    }

    /**
     * The handler gets the recorded frame, not the one this kernel wrote. The frame holds the
     * XSAVE image of the interrupted thread's extended state, whose size and layout follow the
     * real XCR0 of the machine that delivers the signal; the recording machine's may differ from
     * this one's. Writing back the recorded bytes, at the recorded address, with RSP, RSI and RDX
     * pointing into them as the recording kernel set them, gives the handler (and the rt_sigreturn
     * that restores from the frame) the state the program had then, whatever this host's XSAVE
     * is. It also carries the fields this kernel fills from its own history of the thread (the
     * last trap's number and error code, which replay's breakpoints change).
     */
    @Override
    public void onSignalFrame(TaskHandle task, Registers regs) {
        SignalEvent e = unframed.remove(task.tid());
        if (e == null || regs == null || e.memory().isEmpty()) {
            return;
        }
        MemoryWrite frame = e.memory().get(0);
        write(task, frame.address(), frame.bytes());
        regs.set(Registers.RSP, frame.address());
        regs.set(Registers.RDX, frame.address() + SignalFrame.UCONTEXT);
        regs.set(Registers.RSI, frame.address() + SignalFrame.SIGINFO);
    }

    @Override
    public int signalToInject(TaskHandle task) {
        Integer tid = recordedOf.get(task.tid());
        if (tid == null || injectedSignal.containsKey(task.tid())) {
            return 0;
        }
        RecordedEvent next = events.peek(tid);
        if (next != null && next.event() instanceof SignalEvent e && !isFault(e.signal())) {
            injectedSignal.put(task.tid(), e.signal());
            return e.signal();
        }
        return 0;
    }

    private static boolean isFault(int signal) {
        return signal == SIGILL || signal == SIGTRAP || signal == SIGBUS || signal == SIGFPE || signal == SIGSEGV;
    }

    /**
     * Threads of a process begin their events in the recorded order. A thread whose next event
     * is its exit goes only into exit or exit_group: one that exit_group ended in the recording,
     * wherever it was, waits here to be ended the same way.
     */
    @Override
    public boolean mayRun(TaskHandle task, int signal) {
        if (signal != 0 && !isFault(signal) && !Integer.valueOf(signal).equals(injectedSignal.get(task.tid()))) {
            // A signal of the replay's own (a real child's SIGCHLD), which is discarded: the
            // thread goes on with what it was doing, in its turn or not.
            return true;
        }
        Integer tid = recordedOf.get(task.tid());
        RecordedEvent next = tid == null ? null : events.peek(tid);
        if (next == null) {
            return true;
        }
        if (next.event() instanceof ExitEvent) {
            ptrace.getRegs(task.tid(), scratch);
            long nr = scratch.get(Registers.ORIG_RAX);
            return nr == EXIT || nr == EXIT_GROUP;
        }
        return events.isTurn(tid, next);
    }

    /**
     * A thread whose next event is a preemption (another thread's turn, or a signal delivered in
     * the middle of its code) runs to its RIP, where a breakpoint stops it.
     */
    @Override
    public void beforeResume(TaskHandle task) {
        Integer tid = recordedOf.get(task.tid());
        RecordedEvent next = tid == null ? null : events.peek(tid);
        if (next != null && next.event() instanceof PreemptionEvent p && task.breakpoint() != p.rip()) {
            task.breakAt(p.rip());
            breakpointHits = 0;
        }
    }

    /**
     * At the RIP of a recorded preemption: the point is reached when every register (but
     * ORIG_RAX, which tells only how the kernel was entered, and the resume flag) and the hash of
     * the writable memory are the recorded ones. Before that, the thread is elsewhere in the same
     * loop, and runs on.
     */
    @Override
    public Breakpoint onBreakpoint(TaskHandle task, Registers regs) {
        int tid = recorded(task);
        RecordedEvent next = events.peek(tid);
        if (!(next != null && next.event() instanceof PreemptionEvent p)) {
            task.clearBreakpoint();
            return Breakpoint.CONTINUE;
        }
        if (++breakpointHits > MAX_BREAKPOINT_HITS) {
            throw report.divergence(next, tid, "the thread passed its preemption point's RIP " + MAX_BREAKPOINT_HITS
                    + " times without the recorded registers and memory", task, regs);
        }
        for (int i = 0; i < Registers.COUNT; i++) {
            long mask = i == Registers.EFLAGS ? ~EFLAGS_RF : -1L;
            if (i != Registers.ORIG_RAX && ((regs.get(i) ^ p.register(i)) & mask) != 0) {
                return Breakpoint.CONTINUE;
            }
        }
        if (WritableMemoryHash.of(task.pid(), task.tid()) != p.memoryHash()) {
            return Breakpoint.CONTINUE;
        }
        events.next(tid);
        task.clearBreakpoint();
        RecordedEvent then = events.peek(tid);
        if (then != null && then.event() instanceof SignalEvent signal && !isFault(signal.signal())) {
            // The recording pinned this signal here: the thread, stopped for the breakpoint's
            // SIGTRAP, gets the recorded signal instead, with its siginfo.
            events.next(tid);
            ptrace.setSigInfo(task.tid(), signal.siginfo());
            unframed.put(task.tid(), signal);
            task.deliverOnResume(signal.signal());
            return Breakpoint.CONTINUE;
        }
        return Breakpoint.REACHED;
    }

    @Override
    public long rdtsc(TaskHandle task, SiteKind kind, long rip) {
        RecordedEvent r = expect(task, null, TrapEvent.class, kind.mnemonic());
        TrapEvent e = (TrapEvent) r.event();
        if (e.site() != kind || e.rip() != rip) {
            throw report.divergence(r, recordedOf.get(task.tid()), kind.mnemonic() + " at 0x" + Long.toHexString(rip));
        }
        return e.outputs()[0];
    }

    /** Whether every recorded event was replayed; otherwise the report of the first that was not. */
    void finish() {
        flushOutput();
        RecordedEvent left = events.firstUnconsumed();
        if (left != null) {
            throw report.divergence(left, left.event().tid(), "the replay ended before this event");
        }
    }

    /**
     * A recorded file mapping: the program's descriptor exists only in the recording, so the file
     * is opened, mapped at the recorded address and closed again by syscalls made in the task.
     * A packed trace may name a copy to open instead: the mapping has the recorded content.
     */
    private void mapFile(TaskHandle task, Registers regs, InSyscall s, SyscallEvent e) {
        if (s.mappedFile == null) {
            throw report.divergence(s.recorded, recordedOf.get(task.tid()), "a file mapping whose file the recording does not name", task, regs);
        }
        // The page is gone before the file is mapped: the kernel may well have put it where the file goes.
        String path = substitutes.getOrDefault(s.mappedFile.file().path(), s.mappedFile.file().path());
        long fd = withPath(task, path, page -> task.inject(OPENAT, AT_FDCWD, page, O_RDONLY_CLOEXEC, 0));
        if (fd < 0) {
            throw report.divergence(s.recorded, recordedOf.get(task.tid()), "cannot open " + path + " (" + fd + ")", task, regs);
        }
        long mapped = task.inject(MMAP, e.result(), e.arg(1), e.arg(2), e.arg(3) | MAP_FIXED, fd, e.arg(5));
        task.inject(CLOSE, fd);
        if (mapped != e.result()) {
            throw report.divergence(s.recorded, recordedOf.get(task.tid()), "mapping " + s.mappedFile.file().path() + " gave " + mapped, task, regs);
        }
    }

    /**
     * Runs a syscall that takes a path, with the path in a page mapped for it and unmapped right
     * after, which leaves the address space as the recording had it.
     */
    private long withPath(TaskHandle task, String path, java.util.function.LongUnaryOperator call) {
        long page = task.inject(MMAP, 0, SCRATCH, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (page < 0 && page > -4096) {
            throw new IllegalStateException("task " + task.tid() + ": no page for a path (mmap: " + page + ")");
        }
        try {
            write(task, page, (path + "\0").getBytes(StandardCharsets.UTF_8));
            return call.applyAsLong(page);
        } finally {
            task.inject(MUNMAP, page, SCRATCH);
        }
    }

    /** Shows the output still held back; called at the end and before a divergence is reported. */
    void flushOutput() {
        if (echo != null) {
            echo.flush();
        }
    }

    private RecordedEvent expect(TaskHandle task, Registers regs, Class<? extends TraceEvent> kind, String happened) {
        int tid = recorded(task);
        RecordedEvent r = events.next(tid);
        if (r == null || !kind.isInstance(r.event())) {
            if (regs == null) {
                throw report.divergence(r, tid, happened);
            }
            throw report.divergence(r, tid, happened, task, regs);
        }
        return r;
    }

    private int recorded(TaskHandle task) {
        Integer tid = recordedOf.get(task.tid());
        if (tid == null) {
            throw new IllegalStateException("task " + task.tid() + " has no recorded counterpart");
        }
        return tid;
    }

    private static String describe(int nr, Registers regs) {
        StringBuilder b = new StringBuilder(SyscallTable.name(nr).orElse("#" + nr)).append('(');
        for (int i = 0; i < SyscallEvent.ARGS; i++) {
            b.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(regs.syscallArg(i)));
        }
        return b.append(')').toString();
    }

    private static String executable(TaskHandle task) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Integer.toString(task.tid()), "exe")).toString();
        } catch (IOException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    private static void write(TaskHandle task, long address, byte[] bytes) {
        try {
            TaskMemory.write(task.tid(), address, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
