package org.xrr.interposer.debug;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A task's extended state as PTRACE_GETREGSET(NT_X86_XSTATE) gives it: the standard (non-compacted)
 * XSAVE format, with the legacy region (x87, MXCSR, XMM0-15) at 0, the header at 512 and the
 * upper halves of YMM0-15 in the AVX component at 576.
 */
public final class XsaveImage {
    private static final int MXCSR = 24;
    private static final int XMM = 160;
    private static final int XSTATE_BV = 512;
    private static final int XCOMP_BV = 520;
    private static final int YMM_HI = 576;
    private static final int AVX_BIT = 2;
    private static final int REGISTERS = 16;

    private final ByteBuffer image;

    XsaveImage(byte[] bytes) {
        this.image = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public int size() {
        return image.capacity();
    }

    public long mxcsr() {
        return image.getInt(MXCSR) & 0xffffffffL;
    }

    /** The components whose state is not in its initial configuration (XINUSE, as far as the kernel saved it). */
    public long xstateBv() {
        return image.getLong(XSTATE_BV);
    }

    public long xcompBv() {
        return image.getLong(XCOMP_BV);
    }

    /** XMM{@code n}, 16 bytes, least significant first. */
    public byte[] xmm(int n) {
        return slice(XMM + 16 * check(n), 16);
    }

    /** YMM{@code n}, 32 bytes, least significant first; the upper half is zero when AVX state is in its initial configuration. */
    public byte[] ymm(int n) {
        byte[] out = new byte[32];
        System.arraycopy(xmm(n), 0, out, 0, 16);
        if ((xstateBv() & (1L << AVX_BIT)) != 0 && image.capacity() >= YMM_HI + 16 * REGISTERS) {
            System.arraycopy(slice(YMM_HI + 16 * n, 16), 0, out, 16, 16);
        }
        return out;
    }

    private byte[] slice(int offset, int length) {
        byte[] out = new byte[length];
        image.get(offset, out);
        return out;
    }

    private static int check(int n) {
        if (n < 0 || n >= REGISTERS) {
            throw new IllegalArgumentException("no vector register " + n + " (there are 0 to 15)");
        }
        return n;
    }
}
