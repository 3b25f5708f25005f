package org.xrr.interposer.trace;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.Registers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the events of one frame's payload, the inverse of {@link EventEncoder}. Every length and
 * count is checked against the bytes left in the frame before anything is allocated for it, so a
 * damaged payload is a {@link TraceFormatException}, never a huge allocation or another exception.
 */
final class EventDecoder {
    private final Path file;
    private byte[] buf;
    private int pos;
    private int limit;
    private int frame;
    private int lastTid;
    private long index;

    EventDecoder(Path file) {
        this.file = file;
    }

    /** Starts on the payload of frame {@code frame}: {@code buf[0..limit)}. */
    void reset(byte[] buf, int limit, int frame) {
        this.buf = buf;
        this.pos = 0;
        this.limit = limit;
        this.frame = frame;
        this.lastTid = 0;
    }

    int remaining() {
        return limit - pos;
    }

    /** Decodes the next event, which is event {@code index} of the trace. */
    TraceEvent decode(long index) throws TraceFormatException {
        this.index = index;
        int code = u8();
        EventKind kind = WireCodes.eventKind(code & ~TraceFormat.SAME_TID);
        if (kind == null) {
            throw fail(String.format("unknown event kind 0x%02x", code & ~TraceFormat.SAME_TID));
        }
        int tid;
        if ((code & TraceFormat.SAME_TID) != 0) {
            if (lastTid == 0) {
                throw fail("the first event of frame " + frame + " refers to a previous event's thread");
            }
            tid = lastTid;
        } else {
            tid = intVarint("thread id");
            lastTid = tid;
        }
        try {
            return switch (kind) {
                case SYSCALL -> syscall(tid);
                case TRAP -> trap(tid);
                case SIGNAL -> signal(tid);
                case CLONE -> clone(tid);
                case EXEC -> exec(tid);
                case EXIT -> new ExitEvent(tid, intVarint("exit status"), intVarint("signal number"));
                case MAPPED_FILE -> new MappedFileEvent(tid, file());
                case PREEMPTION -> preemption(tid);
            };
        } catch (IllegalArgumentException | DateTimeException invalid) {
            throw fail("invalid " + kind.label() + " event: " + invalid.getMessage());
        }
    }

    private SyscallEvent syscall(int tid) throws TraceFormatException {
        int number = intVarint("syscall number");
        SyscallMode mode = WireCodes.syscallMode(u8());
        if (mode == null) {
            throw fail("unknown syscall mode");
        }
        long[] args = new long[SyscallEvent.ARGS];
        for (int i = 0; i < args.length; i++) {
            args[i] = zigzag();
        }
        return new SyscallEvent(tid, number, args, zigzag(), mode, memory());
    }

    private TrapEvent trap(int tid) throws TraceFormatException {
        long rip = varint();
        int siteCode = u8();
        SiteKind site = WireCodes.siteKind(siteCode);
        if (site == null) {
            throw fail("unknown instruction kind " + siteCode);
        }
        return new TrapEvent(tid, rip, site, values(), values(), memory());
    }

    private SignalEvent signal(int tid) throws TraceFormatException {
        int signal = intVarint("signal number");
        SignalOutcome outcome = WireCodes.signalOutcome(u8());
        if (outcome == null) {
            throw fail("unknown signal outcome");
        }
        return new SignalEvent(tid, signal, raw(Ptrace.SIGINFO_SIZE), outcome, memory());
    }

    private CloneEvent clone(int tid) throws TraceFormatException {
        CloneKind how = WireCodes.cloneKind(u8());
        if (how == null) {
            throw fail("unknown kind of clone");
        }
        return new CloneEvent(tid, how, varint(), intVarint("new thread id"));
    }

    private ExecEvent exec(int tid) throws TraceFormatException {
        String path = string();
        int argc = count("argument count");
        List<String> argv = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            argv.add(string());
        }
        return new ExecEvent(tid, path, argv, raw(ExecEvent.AT_RANDOM_BYTES), file());
    }

    private PreemptionEvent preemption(int tid) throws TraceFormatException {
        int count = count("register count");
        if (count != Registers.COUNT) {
            throw fail("a preemption holds " + count + " registers, not " + Registers.COUNT);
        }
        long[] registers = new long[count];
        for (int i = 0; i < count; i++) {
            registers[i] = varint();
        }
        return new PreemptionEvent(tid, registers, fixed64());
    }

    private FileIdentity file() throws TraceFormatException {
        String path = string();
        byte[] sha256 = raw(FileIdentity.SHA256_BYTES);
        long size = varint();
        long seconds = zigzag();
        long nanos = varint();
        if (nanos >= 1_000_000_000L) {
            throw fail("a modification time has " + nanos + " nanoseconds");
        }
        return new FileIdentity(path, sha256, size, Instant.ofEpochSecond(seconds, nanos));
    }

    private List<MemoryWrite> memory() throws TraceFormatException {
        int count = count("memory write count");
        List<MemoryWrite> writes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long address = varint();
            writes.add(new MemoryWrite(address, raw(count("memory write length"))));
        }
        return writes;
    }

    private long[] values() throws TraceFormatException {
        long[] values = new long[count("value count")];
        for (int i = 0; i < values.length; i++) {
            values[i] = zigzag();
        }
        return values;
    }

    private String string() throws TraceFormatException {
        int length = count("string length");
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    private byte[] raw(int length) throws TraceFormatException {
        need(length);
        byte[] bytes = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return bytes;
    }

    private int u8() throws TraceFormatException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    private long varint() throws TraceFormatException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            if (shift == 63 && b > 1) {
                throw fail("varint overflow: more than 64 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw fail("varint overflow: more than 10 bytes");
    }

    private long zigzag() throws TraceFormatException {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    private int intVarint(String what) throws TraceFormatException {
        long v = varint();
        if (v > Integer.MAX_VALUE) {
            throw fail(what + " " + Long.toUnsignedString(v) + " is out of range");
        }
        return (int) v;
    }

    /** A length or count: each item takes at least one byte, so it can be no more than the bytes left. */
    private int count(String what) throws TraceFormatException {
        long v = varint();
        if (Long.compareUnsigned(v, remaining()) > 0) {
            throw fail("a " + what + " of " + Long.toUnsignedString(v) + " exceeds the " + remaining()
                    + " bytes left in frame " + frame);
        }
        return (int) v;
    }

    private long fixed64() throws TraceFormatException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (buf[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }

    private void need(int bytes) throws TraceFormatException {
        if (bytes > remaining()) {
            throw fail("frame " + frame + " ends inside this event: it needs " + bytes + " more bytes, "
                    + remaining() + " are left");
        }
    }

    private TraceFormatException fail(String problem) {
        return new TraceFormatException(file, index, problem);
    }
}
