package org.xrr.interposer.cpu;

import java.util.StringJoiner;

/**
 * XCR0 state-component bits and the rules XSETBV enforces on them.
 *
 * <p>A model XCR0 must be a value an OS could have set, or programs that check it bit by bit
 * (glibc does) reach conclusions no real machine would give them.
 */
public final class Xcr0 {
    public static final long X87 = 1L;
    public static final long SSE = 1L << 1;
    public static final long AVX = 1L << 2;
    public static final long BNDREGS = 1L << 3;
    public static final long BNDCSR = 1L << 4;
    public static final long OPMASK = 1L << 5;
    public static final long ZMM_HI256 = 1L << 6;
    public static final long HI16_ZMM = 1L << 7;
    public static final long PKRU = 1L << 9;
    public static final long XTILECFG = 1L << 17;
    public static final long XTILEDATA = 1L << 18;

    /** What FXSAVE covers; every XCR0 has it, and it is all that is left when XSAVE is hidden. */
    public static final long LEGACY = X87 | SSE;
    public static final long MPX = BNDREGS | BNDCSR;
    public static final long AVX512 = OPMASK | ZMM_HI256 | HI16_ZMM;
    public static final long AMX = XTILECFG | XTILEDATA;

    private static final String[] NAMES = {
        "x87", "SSE", "AVX", "BNDREGS", "BNDCSR", "opmask", "ZMM_Hi256", "Hi16_ZMM", "PT", "PKRU",
        "PASID", "CET_U", "CET_S", "HDC", "UINTR", "LBR", "HWP", "XTILECFG", "XTILEDATA", "APX",
    };

    private Xcr0() {
    }

    /**
     * Why XSETBV would refuse {@code value} (it raises #GP), or null when it would accept it:
     * x87 always on, AVX needs SSE, the three AVX-512 components together and only with AVX,
     * the two MPX components together, the two AMX components together.
     */
    public static String problem(long value) {
        if ((value & X87) == 0) {
            return "x87 (bit 0) must always be set";
        }
        if ((value & AVX) != 0 && (value & SSE) == 0) {
            return "AVX (bit 2) needs SSE (bit 1)";
        }
        long avx512 = value & AVX512;
        if (avx512 != 0 && avx512 != AVX512) {
            return "the AVX-512 components opmask, ZMM_Hi256 and Hi16_ZMM (bits 5-7) go together";
        }
        if (avx512 != 0 && (value & AVX) == 0) {
            return "the AVX-512 components (bits 5-7) need AVX (bit 2)";
        }
        long mpx = value & MPX;
        if (mpx != 0 && mpx != MPX) {
            return "the MPX components BNDREGS and BNDCSR (bits 3-4) go together";
        }
        long amx = value & AMX;
        if (amx != 0 && amx != AMX) {
            return "the AMX components XTILECFG and XTILEDATA (bits 17-18) go together";
        }
        return null;
    }

    /**
     * The largest value XSETBV accepts among the subsets of {@code allowed}: a component whose
     * partners or prerequisites are missing is dropped with them. {@code allowed} must hold x87.
     */
    public static long largestValidWithin(long allowed) {
        long v = allowed;
        if ((v & SSE) == 0) {
            v &= ~AVX;
        }
        if ((v & AVX512) != AVX512 || (v & AVX) == 0) {
            v &= ~AVX512;
        }
        if ((v & MPX) != MPX) {
            v &= ~MPX;
        }
        if ((v & AMX) != AMX) {
            v &= ~AMX;
        }
        return v;
    }

    /** The name of one component: {@code AVX} for bit 2. */
    public static String name(int bit) {
        return bit < NAMES.length ? NAMES[bit] : "bit" + bit;
    }

    /** {@code 0xe7 (x87|SSE|AVX|opmask|ZMM_Hi256|Hi16_ZMM)}, for messages. */
    public static String describe(long value) {
        StringJoiner names = new StringJoiner("|", " (", ")").setEmptyValue("");
        for (int bit = 0; bit < 64; bit++) {
            if ((value & (1L << bit)) != 0) {
                names.add(name(bit));
            }
        }
        return "0x" + Long.toHexString(value) + names;
    }
}
