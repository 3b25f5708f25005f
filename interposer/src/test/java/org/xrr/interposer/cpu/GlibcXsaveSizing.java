package org.xrr.interposer.cpu;

/**
 * How glibc's dynamic loader sizes the buffer it saves vector state into when it resolves a
 * symbol lazily, as a program sees it through CPUID only: from leaf 0xD subleaf 0 EBX, and with
 * XSAVEC from the size of every component in its own save mask (x87 is always saved; SSE, AVX,
 * MPX, AVX-512, AMX tile state), read from subleaves 2 and up whatever XCR0 says.
 */
final class GlibcXsaveSizing {
    static final long SAVE_MASK = (1L << 1) | (1L << 2) | (1L << 3) | (1L << 5) | (1L << 6) | (1L << 7) | (1L << 17) | (1L << 18);

    private GlibcXsaveSizing() {
    }

    /** The compacted size glibc derives for an XSAVEC image; 0 when leaf 0xD reports no XSAVE at all. */
    static int compactedSize(CpuModel model) {
        int[] r = new int[4];
        model.cpuid(0xD, 0, r);
        if (r[1] == 0) {
            return 0;
        }
        int offset = 576;
        for (int i = 2; i < 32; i++) {
            if ((SAVE_MASK >>> i & 1) == 1) {
                model.cpuid(0xD, i, r);
                if ((r[2] & 2) != 0) {
                    offset = (offset + 63) & ~63;
                }
                offset += r[0];
            }
        }
        return offset;
    }
}
