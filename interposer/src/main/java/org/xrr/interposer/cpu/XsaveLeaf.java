package org.xrr.interposer.cpu;

import static org.xrr.interposer.cpu.CpuidRegister.EAX;
import static org.xrr.interposer.cpu.CpuidRegister.EBX;
import static org.xrr.interposer.cpu.CpuidRegister.ECX;
import static org.xrr.interposer.cpu.CpuidRegister.EDX;

/**
 * Leaf 0xD (XSAVE state enumeration) of a model, derived from the model's XCR0.
 *
 * <p>Sizes and offsets always come from the host's own leaf 0xD: XSAVE runs on the host, so the
 * image it writes has the host's layout whatever CPU the model claims to be. Programs size
 * their buffers from this leaf (glibc reads subleaf i for every component of its own save mask,
 * whatever XCR0 says), so a component the model does not enable must read as zeros here, or the
 * program reserves and touches state it was told does not exist.
 */
final class XsaveLeaf {
    static final int LEAF = 0xD;
    /** The 512-byte legacy (FXSAVE) region plus the 64-byte XSAVE header. */
    static final int LEGACY_AND_HEADER = 576;

    private static final int XSAVEC = 1 << 1;
    private static final int XSAVES = 1 << 3;
    private static final int ALIGNED_64 = 1 << 1;

    private XsaveLeaf() {
    }

    /**
     * Size of a standard-format XSAVE image holding {@code components}: the end of the furthest
     * component at its fixed host offset, and never less than the legacy region and header.
     */
    static int standardSize(CpuidTable host, long components) {
        int size = LEGACY_AND_HEADER;
        for (int i = 2; i < 63; i++) {
            if ((components & (1L << i)) != 0) {
                size = Math.max(size, host.get(LEAF, i, EBX) + host.get(LEAF, i, EAX));
            }
        }
        return size;
    }

    /**
     * Size of a compacted-format image (XSAVEC, XSAVES) holding {@code components}: components
     * packed in bit order after the header, each aligned to 64 bytes where its subleaf ECX bit 1
     * asks for it.
     */
    static int compactedSize(CpuidTable host, long components) {
        int size = LEGACY_AND_HEADER;
        for (int i = 2; i < 63; i++) {
            if ((components & (1L << i)) != 0) {
                if ((host.get(LEAF, i, ECX) & ALIGNED_64) != 0) {
                    size = (size + 63) & ~63;
                }
                size += host.get(LEAF, i, EAX);
            }
        }
        return size;
    }

    /**
     * Replaces leaf 0xD of {@code model} with the one that matches {@code xcr0}. The model's
     * subleaf 1 EAX (the XSAVEOPT/XSAVEC/XGETBV1/XSAVES bits, already masked) is kept. With
     * XSAVE disabled the whole leaf reads as zeros.
     */
    static void rewrite(CpuidTable.Builder model, CpuidTable host, long hostXcr0, long xcr0, boolean xsaveEnabled) {
        int instructions = model.get(LEAF, 1, EAX);
        model.removeLeaf(LEAF);
        if (!xsaveEnabled) {
            return;
        }
        int standard = standardSize(host, xcr0);
        // Subleaf 0 advertises exactly the model XCR0 as supported, so that nothing (a program
        // computing sizes "for everything supported", ECX) reaches beyond it.
        model.put(LEAF, 0, (int) xcr0, standard, standard, (int) (xcr0 >>> 32));

        boolean xsaves = (instructions & XSAVES) != 0;
        // The compacted size exists only with a compacting instruction; without one (Haswell)
        // the CPU reports 0, and so does the model.
        boolean compacted = (instructions & (XSAVEC | XSAVES)) != 0;
        int compactedSize = compacted ? compactedSize(host, xcr0) + (xsaves ? supervisorBytes(host, hostXcr0) : 0) : 0;
        int xssLow = xsaves ? host.get(LEAF, 1, ECX) : 0;
        int xssHigh = xsaves ? host.get(LEAF, 1, EDX) : 0;
        model.put(LEAF, 1, instructions, compactedSize, xssLow, xssHigh);

        // A subleaf is valid only for a user component enabled in XCR0 or a supervisor component
        // supported in IA32_XSS; every other one reads as zeros, as on hardware.
        long valid = xcr0 | (xssLow & 0xFFFF_FFFFL) | ((long) xssHigh << 32);
        for (CpuidTable.Entry e : host) {
            if (e.leaf() == LEAF && e.subleaf() >= 2 && e.subleaf() < 63 && (valid & (1L << e.subleaf())) != 0) {
                model.put(e);
            }
        }
    }

    /**
     * The bytes the host's compacted image spends on supervisor (IA32_XSS) state: what its
     * subleaf 1 EBX reports beyond the compacted size of its own XCR0. The model cannot see
     * IA32_XSS, so it keeps the host's share unchanged.
     */
    private static int supervisorBytes(CpuidTable host, long hostXcr0) {
        return Math.max(0, host.get(LEAF, 1, EBX) - compactedSize(host, hostXcr0));
    }
}
