package org.xrr.disasm.x86;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes runs of x86-64 instructions with Capstone and reports only what a linear sweep needs:
 * each instruction's length and, on request, its mnemonic.
 *
 * <p>Why not the Java binding: its {@code disasm} builds a Java object per instruction through
 * JNA's reflective structure reads, about 12 µs each here, so sweeping libjvm.so would take
 * tens of seconds. This class calls the same libcapstone directly, copies the resulting
 * {@code cs_insn} array out in one read and parses lengths from it. The binding remains the
 * decoder for whole instructions ({@link X86Disassembler}).
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class CapstoneSweep implements AutoCloseable {
    private static final int CS_ARCH_X86 = 3;
    private static final int CS_MODE_64 = 1 << 3;
    /** sizeof(cs_insn) in Capstone 4 on LP64: id, address, size, bytes[16], mnemonic[32], op_str[160], detail. */
    static final int INSN_SIZE = 240;
    private static final int OFF_ADDRESS = 8;
    private static final int OFF_SIZE = 16;
    private static final int OFF_MNEMONIC = 34;
    private static final int MNEMONIC_LENGTH = 32;

    static {
        Native.register(CapstoneSweep.class, "capstone");
    }

    private static native int cs_open(int arch, int mode, long[] handle);

    private static native long cs_disasm(long handle, Pointer code, long codeSize, long address, long count, long[] insn);

    private static native void cs_free(Pointer insn, long count);

    private static native int cs_close(long[] handle);

    private final long[] handle = new long[1];
    private final long[] result = new long[1];
    private final int batch;
    private final ByteBuffer decoded;
    private Pointer lastBatch;
    private int lastCount;

    /** @param batch how many instructions one native call decodes at most */
    public CapstoneSweep(int batch) {
        int err = cs_open(CS_ARCH_X86, CS_MODE_64, handle);
        if (err != 0) {
            throw new IllegalStateException("Capstone cs_open failed with error " + err);
        }
        this.batch = batch;
        this.decoded = ByteBuffer.allocate(batch * INSN_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        checkLayout();
    }

    /**
     * Decodes up to {@code batch} instructions from {@code code + offset}, never reading at or past
     * {@code offset + length}. Returns how many were decoded: 0 means the bytes at {@code offset}
     * are not a valid instruction (or one that does not fit). Lengths and mnemonics of the result
     * are read with {@link #length(int)} and {@link #mnemonic(int)} until the next call.
     */
    public int decode(Memory code, long offset, long length, long address) {
        release();
        long n = cs_disasm(handle[0], code.share(offset), length, address, batch, result);
        if (n <= 0) {
            return 0;
        }
        lastBatch = new Pointer(result[0]);
        lastCount = (int) n;
        decoded.clear();
        lastBatch.read(0, decoded.array(), 0, lastCount * INSN_SIZE);
        return lastCount;
    }

    public int length(int index) {
        return decoded.getShort(index * INSN_SIZE + OFF_SIZE) & 0xffff;
    }

    public long address(int index) {
        return decoded.getLong(index * INSN_SIZE + OFF_ADDRESS);
    }

    public String mnemonic(int index) {
        int at = index * INSN_SIZE + OFF_MNEMONIC;
        int end = at;
        while (end < at + MNEMONIC_LENGTH && decoded.get(end) != 0) {
            end++;
        }
        return new String(decoded.array(), at, end - at, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        release();
        if (handle[0] != 0) {
            cs_close(handle);
            handle[0] = 0;
        }
    }

    private void release() {
        if (lastBatch != null) {
            cs_free(lastBatch, lastCount);
            lastBatch = null;
            lastCount = 0;
        }
    }

    /** Fails loudly if this libcapstone's cs_insn is not the layout read above (another major version). */
    private void checkLayout() {
        byte[] probe = {0x0f, (byte) 0xa2, 0x48, 0x0f, (byte) 0xc7, (byte) 0xf0};
        try (Memory mem = new Memory(probe.length)) {
            mem.write(0, probe, 0, probe.length);
            int n = decode(mem, 0, probe.length, 0x1000);
            if (n != 2 || length(0) != 2 || length(1) != 4 || address(1) != 0x1002
                    || !mnemonic(0).equals("cpuid") || !mnemonic(1).equals("rdrand")) {
                throw new IllegalStateException("libcapstone's cs_insn layout is not Capstone 4's; xrr needs libcapstone.so.4 (4.0.x)");
            }
            release();
        }
    }
}
