package org.xrr.shell.trace;

import org.xrr.interposer.trace.CloneEvent;
import org.xrr.interposer.trace.ExecEvent;
import org.xrr.interposer.trace.ExitEvent;
import org.xrr.interposer.trace.FileIdentity;
import org.xrr.interposer.trace.MappedFileEvent;
import org.xrr.interposer.trace.MemoryWrite;
import org.xrr.interposer.trace.PreemptionEvent;
import org.xrr.interposer.trace.SignalEvent;
import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TrapEvent;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** One line of text per event, for {@code xrr dump}: index, thread, kind, then what happened. */
public final class EventText implements TraceEvent.Visitor<String> {
    private final SyscallNames syscalls;

    public EventText(SyscallNames syscalls) {
        this.syscalls = syscalls;
    }

    public String line(long index, TraceEvent e) {
        return String.format("%7d %7d  %-11s %s", index, e.tid(), e.kind().label(), e.accept(this));
    }

    @Override
    public String syscall(SyscallEvent e) {
        StringJoiner args = new StringJoiner(", ", syscalls.display(e.number()) + "(", ")");
        for (long arg : e.args()) {
            args.add(value(arg));
        }
        return args + " = " + value(e.result()) + "  " + e.mode().name().toLowerCase(Locale.ROOT) + written(e.memory());
    }

    @Override
    public String trap(TrapEvent e) {
        return e.site().mnemonic() + " at " + hex(e.rip()) + "  in " + values(e.inputs()) + " out " + values(e.outputs())
                + written(e.memory());
    }

    @Override
    public String signal(SignalEvent e) {
        return SignalNames.of(e.signal()) + " " + e.outcome().name().toLowerCase(Locale.ROOT) + written(e.memory());
    }

    @Override
    public String clone(CloneEvent e) {
        return e.how().name().toLowerCase(Locale.ROOT) + " flags " + hex(e.flags()) + " -> tid " + e.childTid();
    }

    @Override
    public String exec(ExecEvent e) {
        return e.path() + " " + e.argv() + "  " + file(e.executable());
    }

    @Override
    public String exit(ExitEvent e) {
        return e.killed() ? "killed by " + SignalNames.of(e.signal()) : "status " + e.status();
    }

    @Override
    public String mappedFile(MappedFileEvent e) {
        return e.file().path() + "  " + file(e.file());
    }

    @Override
    public String preemption(PreemptionEvent e) {
        return "at " + hex(e.rip()) + "  memory hash " + hex(e.memoryHash());
    }

    private static String file(FileIdentity f) {
        return "sha256 " + f.sha256Hex() + ", " + f.size() + " bytes, modified " + f.modified();
    }

    private static String written(List<MemoryWrite> writes) {
        StringJoiner text = new StringJoiner(", ", ", wrote ", "").setEmptyValue("");
        for (MemoryWrite w : writes) {
            text.add(w.length() + " bytes at " + hex(w.address()));
        }
        return text.toString();
    }

    private static String values(long[] values) {
        StringJoiner text = new StringJoiner(", ", "[", "]");
        for (long v : values) {
            text.add(hex(v));
        }
        return text.toString();
    }

    /** Small numbers (counts, descriptors, errnos) in decimal, the rest (addresses, flags) in hex. */
    private static String value(long v) {
        return v > -4096 && v < 0x10000 ? Long.toString(v) : hex(v);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
