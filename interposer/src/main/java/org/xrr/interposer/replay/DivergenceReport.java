package org.xrr.interposer.replay;

import org.xrr.disasm.process.Symbolizer;
import org.xrr.disasm.x86.Instruction;
import org.xrr.disasm.x86.X86Disassembler;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.ptrace.TaskMemory;
import org.xrr.interposer.syscall.SyscallTable;
import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.interposer.tracer.TaskHandle;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the report of a divergence: the event index, what was recorded and what happened, and,
 * where the task is at hand, its registers and the disassembled code around RIP with the symbol
 * it is in.
 */
final class DivergenceReport {
    /** How far before RIP a function may start for its code to be shown from there. */
    private static final int MAX_LEAD = 512;
    private static final int SHOWN_BEFORE = 8;
    private static final int SHOWN_AFTER = 3;

    Divergence divergence(RecordedEvent recorded, int recordedTid, String happened, TaskHandle task, Registers regs) {
        StringBuilder b = head(recorded, recordedTid, happened);
        b.append("\n  task ").append(task.tid()).append(" (process ").append(task.pid()).append(") registers:");
        for (int i = 0; i < Registers.COUNT; i++) {
            b.append(i % 4 == 0 ? "\n    " : "  ").append(String.format("%-8s 0x%016x", Registers.name(i), regs.get(i)));
        }
        b.append('\n').append(code(task.tid(), regs.rip()));
        return new Divergence(recorded == null ? -1 : recorded.index(), b.toString());
    }

    Divergence divergence(RecordedEvent recorded, int recordedTid, String happened) {
        return new Divergence(recorded == null ? -1 : recorded.index(), head(recorded, recordedTid, happened).toString());
    }

    private static StringBuilder head(RecordedEvent recorded, int recordedTid, String happened) {
        StringBuilder b = new StringBuilder();
        if (recorded == null) {
            b.append("replay diverged after the last recorded event of task ").append(recordedTid).append(" of the recording");
            b.append("\n  recorded: nothing more");
        } else {
            b.append("replay diverged at event ").append(recorded.index()).append(" (task ").append(recorded.event().tid())
                    .append(" of the recording)");
            b.append("\n  recorded: ").append(describe(recorded));
        }
        return b.append("\n  replayed: ").append(happened);
    }

    private static String describe(RecordedEvent r) {
        if (r.event() instanceof SyscallEvent e) {
            StringBuilder b = new StringBuilder("syscall ").append(SyscallTable.name(e.number()).orElse("#" + e.number())).append('(');
            for (int i = 0; i < SyscallEvent.ARGS; i++) {
                b.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(e.arg(i)));
            }
            return b.append(") = ").append(e.result()).toString();
        }
        return r.event().toString();
    }

    /** The code around {@code rip}: from the start of its function where that is near, else from RIP. */
    private static String code(int tid, long rip) {
        Symbolizer.Location at = new Symbolizer(tid).locate(rip);
        long from = at.symbol() != null && at.offset() <= MAX_LEAD ? rip - at.offset() : rip;
        StringBuilder b = new StringBuilder("  code at 0x").append(Long.toHexString(rip)).append(" (").append(at.describe()).append("):\n");
        int length = (int) (rip - from) + 64;
        byte[] bytes = new byte[length];
        if (!TaskMemory.read(tid, from, bytes, length)) {
            return b.append("    (not readable)").toString();
        }
        List<Instruction> all;
        try (X86Disassembler d = new X86Disassembler()) {
            all = d.decode(bytes, from, length);
        }
        List<Instruction> shown = new ArrayList<>();
        int index = -1;
        for (Instruction i : all) {
            shown.add(i);
            if (i.address() == rip) {
                index = shown.size() - 1;
            }
        }
        int first = Math.max(0, (index < 0 ? 0 : index) - SHOWN_BEFORE);
        int last = Math.min(shown.size(), (index < 0 ? 0 : index) + SHOWN_AFTER + 1);
        for (Instruction i : shown.subList(first, last)) {
            b.append(i.address() == rip ? "  => " : "     ").append(String.format("0x%x: %-24s %s%n", i.address(), i.hexBytes(), i.text()));
        }
        return b.toString().stripTrailing();
    }
}
