package org.xrr.interposer.debug;

import org.xrr.disasm.process.Mapping;
import org.xrr.disasm.process.ProcessMaps;
import org.xrr.disasm.process.Symbolizer;
import org.xrr.disasm.x86.Instruction;
import org.xrr.disasm.x86.X86Disassembler;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.ptrace.TaskMemory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What can be asked of a task held at an event boundary: registers, extended state, memory,
 * mappings, code and frames. Usable only on the tracer thread, while the task is held: a
 * {@link SteppableReplay} hands one to each inspection request.
 */
public final class TaskInspector {
    /** Longest x86 instruction. */
    private static final int MAX_INSTRUCTION = 15;
    private static final int MAX_FRAMES = 64;

    /** One instruction with the symbol it belongs to, and whether it is where the task stands. */
    public record Line(Instruction instruction, Symbolizer.Location location, boolean current) {
    }

    /** A frame of a backtrace: the address it runs at (or returns to) and its name. */
    public record Frame(int number, Symbolizer.Location location) {
    }

    private final Ptrace ptrace;
    private final int tid;
    private final int pid;
    private final Registers regs;
    private Symbolizer symbolizer;

    /** @param regs the registers the replay holds for the task; null to read them from the kernel */
    TaskInspector(Ptrace ptrace, int tid, int pid, Registers regs) {
        this.ptrace = ptrace;
        this.tid = tid;
        this.pid = pid;
        if (tid < 0) {
            throw new IllegalStateException("the task of this event has exited: nothing to inspect");
        }
        if (regs == null) {
            regs = new Registers();
            ptrace.getRegs(tid, regs);
        }
        this.regs = regs;
    }

    public int tid() {
        return tid;
    }

    public int pid() {
        return pid;
    }

    /** Every general-purpose register, by the kernel's names, in its order. */
    public Map<String, Long> registers() {
        Map<String, Long> all = new LinkedHashMap<>();
        for (int i = 0; i < Registers.COUNT; i++) {
            all.put(Registers.name(i), regs.get(i));
        }
        return all;
    }

    public long register(int index) {
        return regs.get(index);
    }

    public XsaveImage xstate() {
        return new XsaveImage(ptrace.xstate(tid));
    }

    public byte[] read(long address, int length) {
        try {
            return TaskMemory.read(tid, address, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The NUL-terminated string at {@code address}, at most {@code max} bytes, as UTF-8. */
    public String readString(long address, int max) {
        byte[] bytes = new byte[max];
        int length = 0;
        // A page at a time: the string may end just before memory that cannot be read.
        while (length < max) {
            int chunk = (int) Math.min(max - length, 4096 - ((address + length) & 4095));
            byte[] part = new byte[chunk];
            if (!TaskMemory.read(tid, address + length, part, chunk)) {
                if (length == 0) {
                    throw unreadable("no string at", address);
                }
                break;
            }
            for (byte b : part) {
                if (b == 0) {
                    return new String(bytes, 0, length, StandardCharsets.UTF_8);
                }
                bytes[length++] = b;
            }
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    public List<Mapping> mappings() {
        try {
            return ProcessMaps.read(pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    public Symbolizer.Location locate(long address) {
        return symbolizer().locate(address);
    }

    /** Up to {@code count} instructions from {@code address}; fewer where memory ends or bytes do not decode. */
    public List<Line> disassemble(long address, int count) {
        int length = count * MAX_INSTRUCTION;
        byte[] bytes = new byte[length];
        while (length > 0 && !TaskMemory.read(tid, address, bytes, length)) {
            length = Math.min(length - 1, (int) (((address + length - 1) & ~4095L) - address));
        }
        if (length <= 0) {
            throw unreadable("no code at", address);
        }
        List<Line> lines = new ArrayList<>();
        try (X86Disassembler d = new X86Disassembler()) {
            for (Instruction i : d.decode(Arrays.copyOf(bytes, length), address, count)) {
                lines.add(new Line(i, symbolizer().locate(i.address()), i.address() == regs.rip()));
            }
        }
        return lines;
    }

    /**
     * RIP, then the return addresses found by following the frame-pointer chain: best effort,
     * since code built without frame pointers (most of glibc) leaves RBP as a plain register;
     * the walk stops at the first link that is not a readable, higher stack address.
     */
    public List<Frame> backtrace() {
        List<Frame> frames = new ArrayList<>();
        frames.add(new Frame(0, symbolizer().locate(regs.rip())));
        long fp = regs.get(Registers.RBP);
        Mapping stack = symbolizer().mappingOf(regs.get(Registers.RSP));
        byte[] link = new byte[16];
        while (frames.size() < MAX_FRAMES && stack != null && fp >= regs.get(Registers.RSP) && fp + 16 <= stack.end()
                && TaskMemory.read(tid, fp, link, 16)) {
            long next = ByteBuffer.wrap(link).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            long ret = ByteBuffer.wrap(link).order(ByteOrder.LITTLE_ENDIAN).getLong(8);
            Symbolizer.Location at = symbolizer().locate(ret);
            if (at.mapping() == null || !at.mapping().isExecutable()) {
                break;
            }
            frames.add(new Frame(frames.size(), at));
            if (next <= fp) {
                break;
            }
            fp = next;
        }
        return frames;
    }

    private UncheckedIOException unreadable(String what, long address) {
        String message = "task " + tid + ": " + what + " 0x" + Long.toHexString(address) + ": memory not readable";
        return new UncheckedIOException(message, new IOException(message));
    }

    private Symbolizer symbolizer() {
        if (symbolizer == null) {
            symbolizer = new Symbolizer(pid);
        }
        return symbolizer;
    }
}
