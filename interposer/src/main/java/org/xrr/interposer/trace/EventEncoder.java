package org.xrr.interposer.trace;

import org.xrr.interposer.ptrace.Registers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes events one after another into the payload of one frame, as TRACE-FORMAT.md lays them
 * out. The buffer is reused from frame to frame, so encoding an event allocates nothing beyond
 * the UTF-8 of its strings.
 */
final class EventEncoder implements TraceEvent.Visitor<Void> {
    private byte[] buf;
    private int size;
    /** The tid of the previous event in this frame, or 0 at the start of a frame. */
    private int lastTid;

    EventEncoder(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    /**
     * Appends one event. An event that would make the frame larger than the format allows is an
     * {@link IllegalArgumentException}, and leaves the frame as it was.
     */
    void encode(TraceEvent e) {
        int start = size;
        int tidBefore = lastTid;
        try {
            int kind = WireCodes.of(e.kind());
            if (e.tid() == lastTid) {
                u8(kind | TraceFormat.SAME_TID);
            } else {
                u8(kind);
                varint(e.tid());
                lastTid = e.tid();
            }
            e.accept(this);
        } catch (IllegalArgumentException tooLarge) {
            size = start;
            lastTid = tidBefore;
            throw tooLarge;
        }
    }

    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    /** Starts a new frame. */
    void reset() {
        size = 0;
        lastTid = 0;
    }

    @Override
    public Void syscall(SyscallEvent e) {
        varint(e.number());
        u8(WireCodes.of(e.mode()));
        for (int i = 0; i < SyscallEvent.ARGS; i++) {
            zigzag(e.arg(i));
        }
        zigzag(e.result());
        memory(e.memory());
        return null;
    }

    @Override
    public Void trap(TrapEvent e) {
        varint(e.rip());
        u8(WireCodes.of(e.site()));
        values(e.sharedInputs());
        values(e.sharedOutputs());
        memory(e.memory());
        return null;
    }

    @Override
    public Void signal(SignalEvent e) {
        varint(e.signal());
        u8(WireCodes.of(e.outcome()));
        raw(e.sharedSiginfo());
        memory(e.memory());
        return null;
    }

    @Override
    public Void clone(CloneEvent e) {
        u8(WireCodes.of(e.how()));
        varint(e.flags());
        varint(e.childTid());
        return null;
    }

    @Override
    public Void exec(ExecEvent e) {
        string(e.path());
        varint(e.argv().size());
        for (String arg : e.argv()) {
            string(arg);
        }
        raw(e.sharedAtRandom());
        file(e.executable());
        return null;
    }

    @Override
    public Void exit(ExitEvent e) {
        varint(e.status());
        varint(e.signal());
        return null;
    }

    @Override
    public Void mappedFile(MappedFileEvent e) {
        file(e.file());
        return null;
    }

    @Override
    public Void preemption(PreemptionEvent e) {
        varint(Registers.COUNT);
        for (int i = 0; i < Registers.COUNT; i++) {
            varint(e.register(i));
        }
        fixed64(e.memoryHash());
        return null;
    }

    private void file(FileIdentity f) {
        string(f.path());
        raw(f.sharedSha256());
        varint(f.size());
        zigzag(f.modified().getEpochSecond());
        varint(f.modified().getNano());
    }

    private void memory(List<MemoryWrite> writes) {
        varint(writes.size());
        for (MemoryWrite w : writes) {
            varint(w.address());
            varint(w.length());
            raw(w.shared());
        }
    }

    private void values(long[] values) {
        varint(values.length);
        for (long v : values) {
            zigzag(v);
        }
    }

    private void string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        raw(utf8);
    }

    private void u8(int value) {
        ensure(1);
        buf[size++] = (byte) value;
    }

    /** Unsigned LEB128: 7 bits a byte, low bits first, the top bit set on every byte but the last. */
    private void varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buf[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
    }

    /** Signed values zigzag-encoded first, so that small negative numbers (errnos, AT_FDCWD) stay short. */
    private void zigzag(long value) {
        varint((value << 1) ^ (value >> 63));
    }

    private void fixed64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed <= buf.length) {
            return;
        }
        if (needed > TraceFormat.MAX_FRAME_PAYLOAD) {
            throw new IllegalArgumentException("an event of more than " + (TraceFormat.MAX_FRAME_PAYLOAD >> 20)
                    + " MiB does not fit in a frame");
        }
        buf = Arrays.copyOf(buf, (int) Math.min(TraceFormat.MAX_FRAME_PAYLOAD, Math.max(needed, 2L * buf.length)));
    }
}
