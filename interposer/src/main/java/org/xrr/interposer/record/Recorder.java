package org.xrr.interposer.record;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.ptrace.LibXrr;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.ptrace.TaskMemory;
import org.xrr.interposer.ptrace.WaitStatus;
import org.xrr.interposer.ptrace.WritableMemoryHash;
import org.xrr.interposer.syscall.Disposition;
import org.xrr.interposer.syscall.Syscall;
import org.xrr.interposer.syscall.SyscallOutputs;
import org.xrr.interposer.syscall.SyscallTable;
import org.xrr.interposer.syscall.WrittenRanges;
import org.xrr.interposer.trace.CloneEvent;
import org.xrr.interposer.trace.CloneKind;
import org.xrr.interposer.trace.ExecEvent;
import org.xrr.interposer.trace.ExitEvent;
import org.xrr.interposer.trace.FileIdentities;
import org.xrr.interposer.trace.FileIdentity;
import org.xrr.interposer.trace.MappedFileEvent;
import org.xrr.interposer.trace.MemoryWrite;
import org.xrr.interposer.trace.PreemptionEvent;
import org.xrr.interposer.trace.SignalEvent;
import org.xrr.interposer.trace.SignalOutcome;
import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.interposer.trace.SyscallMode;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TraceWriter;
import org.xrr.interposer.trace.TrapEvent;
import org.xrr.interposer.tracer.AuxVector;
import org.xrr.interposer.tracer.SessionHooks;
import org.xrr.interposer.tracer.SignalFrame;
import org.xrr.interposer.tracer.TaskHandle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The session hooks of {@code xrr record}: every event goes to the trace as it happens. */
public final class Recorder implements SessionHooks {
    private static final int MMAP = SyscallTable.require("mmap");
    private static final int VFORK = SyscallTable.require("vfork");
    private static final long MAP_ANONYMOUS = 0x20;
    private static final long[] NO_VALUES = {};

    /** A syscall between its entry and exit stops. */
    private static final class Pending {
        final long[] args = new long[SyscallEvent.ARGS];
        Syscall syscall;
    }

    private final TraceWriter writer;
    private final Ptrace ptrace;
    private final SyscallOutputs outputs = new SyscallOutputs();
    private final WrittenRanges ranges = new WrittenRanges();
    private final FileIdentities files;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final byte[] siginfo = new byte[Ptrace.SIGINFO_SIZE];
    /** Signals delivered whose handler's frame is not yet known. */
    private final Map<Integer, SignalEvent> unframed = new HashMap<>();

    public Recorder(TraceWriter writer, Ptrace ptrace, FileIdentities files) {
        this.writer = writer;
        this.ptrace = ptrace;
        this.files = files;
    }

    @Override
    public boolean wantsEverySyscall() {
        return true;
    }

    @Override
    public void onExec(TaskHandle task, Registers regs) {
        AuxVector aux = AuxVector.atExec(ptrace, task.tid(), regs.get(Registers.RSP));
        aux.hide(AuxVector.AT_SYSINFO_EHDR);
        long random = aux.value(AuxVector.AT_RANDOM);
        try {
            byte[] atRandom = TaskMemory.read(task.tid(), random, ExecEvent.AT_RANDOM_BYTES);
            Path exe = Files.readSymbolicLink(Path.of("/proc", Integer.toString(task.tid()), "exe"));
            FileIdentity identity = files.of(exe);
            append(new ExecEvent(task.tid(), exe.toString(), aux.arguments(), atRandom, identity));
        } catch (IOException e) {
            throw new UncheckedIOException("recording the exec of process " + task.pid() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Entry onSyscallEntry(TaskHandle task, Registers regs) {
        long nr = regs.get(Registers.ORIG_RAX);
        Pending p = pending.computeIfAbsent(task.tid(), tid -> new Pending());
        for (int i = 0; i < SyscallEvent.ARGS; i++) {
            p.args[i] = regs.syscallArg(i);
        }
        SyscallTable.requireSupported(nr, p.args, task.pid(), regs.rip());
        p.syscall = SyscallTable.get(nr);
        if (nr == MMAP && (p.args[3] & MAP_ANONYMOUS) == 0) {
            recordMappedFile(task, (int) p.args[4]);
        }
        return p.syscall.disposition() == Disposition.REFUSE ? Entry.SKIP : Entry.RUN;
    }

    @Override
    public void onSyscallExit(TaskHandle task, Registers regs) {
        Pending p = pending.get(task.tid());
        Syscall s = p.syscall;
        long result = regs.get(Registers.RAX);
        if (s.disposition() == Disposition.REFUSE) {
            result = -s.refusalErrno();
            regs.set(Registers.RAX, result);
        }
        List<MemoryWrite> written = List.of();
        if (s.disposition() != Disposition.REFUSE) {
            outputs.compute(s, p.args, result, (address, buffer, length) -> TaskMemory.read(task.tid(), address, buffer, length), ranges);
            written = written(task.tid());
        }
        SyscallMode mode = s.disposition() == Disposition.EXECUTE ? SyscallMode.EXECUTED : SyscallMode.EMULATED;
        append(new SyscallEvent(task.tid(), s.number(), p.args, result, mode, written));
    }

    @Override
    public void onNewTask(TaskHandle parent, int child, long cloneFlags, boolean newProcess) {
        CloneKind how = parentCall(parent) == VFORK ? CloneKind.VFORK
                : newProcess ? CloneKind.FORK : CloneKind.CLONE;
        append(new CloneEvent(parent.tid(), how, cloneFlags, child));
    }

    @Override
    public void onTaskExit(int tid, int status) {
        pending.remove(tid);
        SignalEvent fatal = unframed.remove(tid);
        if (fatal != null) {
            append(fatal);
        }
        int signal = WaitStatus.signaled(status) ? WaitStatus.termSignal(status) : 0;
        append(new ExitEvent(tid, signal != 0 ? 0 : WaitStatus.exitCode(status), signal));
    }

    @Override
    public void onTrap(TaskHandle task, SiteKind kind, long rip, long[] in, long[] out) {
        append(new TrapEvent(task.tid(), rip, kind, in, out, List.of()));
    }

    @Override
    public int onSignal(TaskHandle task, int signal) {
        ptrace.getSigInfo(task.tid(), siginfo);
        unframed.put(task.tid(), new SignalEvent(task.tid(), signal, siginfo, SignalOutcome.DELIVERED, List.of()));
        return signal;
    }

    /** The signal's event, with the frame its handler got, which replay writes back. */
    @Override
    public void onSignalFrame(TaskHandle task, Registers regs) {
        SignalEvent s = unframed.remove(task.tid());
        if (s == null) {
            return;
        }
        List<MemoryWrite> frame = List.of();
        if (regs != null) {
            long rsp = regs.get(Registers.RSP);
            try {
                frame = List.of(new MemoryWrite(rsp, TaskMemory.read(task.tid(), rsp, SignalFrame.length(ptrace, task.tid(), rsp))));
            } catch (IOException e) {
                throw new UncheckedIOException("recording the signal frame of task " + task.tid() + ": " + e.getMessage(), e);
            }
        }
        append(new SignalEvent(s.tid(), s.signal(), s.siginfo(), s.outcome(), frame));
    }

    @Override
    public boolean preemptsSpinners() {
        return true;
    }

    @Override
    public void onPreempt(TaskHandle task, Registers regs) {
        long[] values = new long[Registers.COUNT];
        for (int i = 0; i < values.length; i++) {
            values[i] = regs.get(i);
        }
        append(new PreemptionEvent(task.tid(), values, WritableMemoryHash.of(task.pid(), task.tid())));
    }

    @Override
    public long rdtsc(TaskHandle task, SiteKind kind, long rip) {
        long value = LibXrr.rdtsc();
        append(new TrapEvent(task.tid(), rip, kind, NO_VALUES, new long[] {value}, List.of()));
        return value;
    }

    private int parentCall(TaskHandle parent) {
        Pending p = pending.get(parent.tid());
        return p == null || p.syscall == null ? -1 : p.syscall.number();
    }

    private void recordMappedFile(TaskHandle task, int fd) {
        Path link = Path.of("/proc", Integer.toString(task.pid()), "fd", Integer.toString(fd));
        try {
            Path file = Files.readSymbolicLink(link);
            if (Files.isRegularFile(file)) {
                append(new MappedFileEvent(task.tid(), files.of(file)));
            }
        } catch (IOException e) {
            // Not a file with a path (a memfd, a deleted file): the mmap's own result is all replay checks.
        }
    }

    private List<MemoryWrite> written(int tid) {
        if (ranges.size() == 0) {
            return List.of();
        }
        List<MemoryWrite> written = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.inNewChild(i)) {
                continue;
            }
            try {
                written.add(new MemoryWrite(ranges.address(i), TaskMemory.read(tid, ranges.address(i), (int) ranges.length(i))));
            } catch (IOException e) {
                throw new UncheckedIOException("recording what a syscall of task " + tid + " wrote: " + e.getMessage(), e);
            }
        }
        return written;
    }

    private void append(TraceEvent event) {
        try {
            writer.append(event);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the trace: " + e.getMessage(), e);
        }
    }
}
