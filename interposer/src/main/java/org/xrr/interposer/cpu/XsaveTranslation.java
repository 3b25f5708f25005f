package org.xrr.interposer.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Moves XSAVE state between two standard-format layouts: the model's, which the program sized
 * and reads its images by, and the host's, which the hardware and the kernel's
 * {@code NT_X86_XSTATE} register set use. They differ where a model recorded on one vendor runs
 * on another: AMD places the AVX-512 components 0x100 bytes lower than Intel (rr issue 3573).
 *
 * <p>{@link #save} and {@link #restore} do what XSAVE and XRSTOR do to an image, from and to the
 * thread's state in the host layout. Both run at a trap, so neither allocates.
 */
public final class XsaveTranslation {
    /** Little-endian words of an XSAVE image, read and written in place. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes 0-23 and 32-159 of the legacy region: the x87 state (component 0). */
    private static final int X87_HEAD = 24;
    private static final int MXCSR = 24;
    private static final int MXCSR_BYTES = 8;
    /** XRSTOR loads MXCSR; MXCSR_MASK, the next four bytes, is read-only. */
    private static final int MXCSR_LOADED = 4;
    private static final int X87_TAIL = 32;
    private static final int X87_END = 160;
    /** Bytes 160-415: XMM0-15 (component 1). */
    private static final int XMM = 160;
    private static final int XMM_END = 416;
    /** XSTATE_BV, at the start of the 64-byte header after the legacy region. */
    public static final int XSTATE_BV = 512;
    /** XCOMP_BV: bit 63 set marks a compacted image, whose layout depends on sizes only. */
    public static final int XCOMP_BV = 520;
    private static final int FCW = 0;
    private static final short FCW_INIT = 0x037f;

    private final int[] index;
    private final int[] size;
    private final int[] modelOffset;
    private final int[] hostOffset;

    private XsaveTranslation(List<XsaveLayout.Component> model, List<XsaveLayout.Component> host) {
        int n = model.size();
        index = new int[n];
        size = new int[n];
        modelOffset = new int[n];
        hostOffset = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = model.get(i).index();
            size[i] = model.get(i).size();
            modelOffset[i] = model.get(i).offset();
            hostOffset[i] = host.get(i).offset();
        }
    }

    /**
     * The translation from {@code host}'s layout to the one {@code model} shows for its XCR0;
     * null when every component sits at the same offset in both. A component the host lays out
     * with another size or compacted alignment cannot be translated (the compacted images
     * XSAVEC writes would differ too): the portability check refuses that before replay.
     */
    public static XsaveTranslation between(CpuidTable model, long xcr0, CpuidTable host) {
        XsaveLayout m = XsaveLayout.of(model, xcr0);
        XsaveLayout h = XsaveLayout.of(host, xcr0);
        boolean moved = false;
        for (int i = 0; i < m.components().size(); i++) {
            XsaveLayout.Component a = m.components().get(i);
            XsaveLayout.Component b = h.components().get(i);
            if (a.size() != b.size() || a.aligned64() != b.aligned64()) {
                throw new IllegalArgumentException("XSAVE component " + a.describe() + " cannot be translated to " + b.describe());
            }
            moved |= a.offset() != b.offset();
        }
        return moved ? new XsaveTranslation(m.components(), h.components()) : null;
    }

    /** The size of a standard-format image of the model's XCR0 in the model's layout. */
    public int modelSize() {
        return extent(-1L);
    }

    /**
     * How many bytes of a model-layout image XSAVE or XRSTOR with {@code rfbm} touches: the
     * legacy region and header, and every requested component.
     */
    public int extent(long rfbm) {
        int end = XsaveLeaf.LEGACY_AND_HEADER;
        for (int i = 0; i < index.length; i++) {
            if ((rfbm & (1L << index[i])) != 0) {
                end = Math.max(end, modelOffset[i] + size[i]);
            }
        }
        return end;
    }

    /**
     * What XSAVE (or XSAVEOPT, which may always write what XSAVE writes) with requested-feature
     * bitmap {@code rfbm} writes into {@code image}, in the model's layout, from {@code state},
     * the thread's state in the host's layout: the x87 and SSE parts of the legacy region,
     * MXCSR, each requested component, and their XSTATE_BV bits; nothing else changes.
     */
    public void save(byte[] state, long rfbm, byte[] image) {
        if ((rfbm & Xcr0.X87) != 0) {
            System.arraycopy(state, 0, image, 0, X87_HEAD);
            System.arraycopy(state, X87_TAIL, image, X87_TAIL, X87_END - X87_TAIL);
        }
        if ((rfbm & (Xcr0.SSE | Xcr0.AVX)) != 0) {
            System.arraycopy(state, MXCSR, image, MXCSR, MXCSR_BYTES);
        }
        if ((rfbm & Xcr0.SSE) != 0) {
            System.arraycopy(state, XMM, image, XMM, XMM_END - XMM);
        }
        for (int i = 0; i < index.length; i++) {
            if ((rfbm & (1L << index[i])) != 0) {
                System.arraycopy(state, hostOffset[i], image, modelOffset[i], size[i]);
            }
        }
        long inUse = getLong(state, XSTATE_BV);
        putLong(image, XSTATE_BV, getLong(image, XSTATE_BV) & ~rfbm | inUse & rfbm);
    }

    /**
     * What XRSTOR with {@code rfbm} loads from the standard-format {@code image}, in the model's
     * layout, into {@code state}, in the host's: each requested component the image marks in
     * XSTATE_BV is copied, each one it does not is set to its initial value (zeros; for x87 the
     * control word 0x37f), and MXCSR is loaded with SSE or AVX.
     */
    public void restore(byte[] image, long rfbm, byte[] state) {
        long present = getLong(image, XSTATE_BV);
        if ((rfbm & Xcr0.X87) != 0) {
            if ((present & Xcr0.X87) != 0) {
                System.arraycopy(image, 0, state, 0, X87_HEAD);
                System.arraycopy(image, X87_TAIL, state, X87_TAIL, X87_END - X87_TAIL);
            } else {
                Arrays.fill(state, 0, X87_HEAD, (byte) 0);
                Arrays.fill(state, X87_TAIL, X87_END, (byte) 0);
                state[FCW] = (byte) FCW_INIT;
                state[FCW + 1] = (byte) (FCW_INIT >>> 8);
            }
        }
        if ((rfbm & (Xcr0.SSE | Xcr0.AVX)) != 0) {
            System.arraycopy(image, MXCSR, state, MXCSR, MXCSR_LOADED);
        }
        if ((rfbm & Xcr0.SSE) != 0) {
            if ((present & Xcr0.SSE) != 0) {
                System.arraycopy(image, XMM, state, XMM, XMM_END - XMM);
            } else {
                Arrays.fill(state, XMM, XMM_END, (byte) 0);
            }
        }
        for (int i = 0; i < index.length; i++) {
            if ((rfbm & (1L << index[i])) == 0) {
                continue;
            }
            if ((present & (1L << index[i])) != 0) {
                System.arraycopy(image, modelOffset[i], state, hostOffset[i], size[i]);
            } else {
                Arrays.fill(state, hostOffset[i], hostOffset[i] + size[i], (byte) 0);
            }
        }
        putLong(state, XSTATE_BV, getLong(state, XSTATE_BV) & ~rfbm | present & rfbm);
    }

    /** Whether {@code image} is in the compacted format (XSAVEC's), which needs no translation. */
    public static boolean isCompacted(byte[] image) {
        return getLong(image, XCOMP_BV) < 0;
    }

    private static long getLong(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    private static void putLong(byte[] b, int at, long v) {
        LONGS.set(b, at, v);
    }
}
