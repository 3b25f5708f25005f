package org.xrr.disasm.x86;

import java.util.Locale;
import java.util.Optional;

/**
 * The instructions xrr interposes on, named by their objdump/Capstone mnemonic. SYSCALL is found
 * only on request: it is not emulated, but record and replay need to know where it is.
 */
public enum SiteKind {
    CPUID, XGETBV,
    XSAVE, XSAVE64, XSAVEOPT, XSAVEOPT64, XSAVEC, XSAVEC64, XRSTOR, XRSTOR64,
    FXSAVE, FXSAVE64, FXRSTOR, FXRSTOR64,
    RDTSC, RDTSCP, RDRAND, RDSEED, RDPID,
    SYSCALL;

    /** XSAVE, XSAVEOPT, XSAVEC, XRSTOR and their 64-bit forms: what they touch depends on XCR0. */
    public boolean dependsOnXcr0() {
        return switch (this) {
            case XSAVE, XSAVE64, XSAVEOPT, XSAVEOPT64, XSAVEC, XSAVEC64, XRSTOR, XRSTOR64 -> true;
            default -> false;
        };
    }

    public String mnemonic() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind of a decoded instruction. Capstone 4.0.2 predates RDPID and decodes its encoding
     * (F3 0F C7 /7 with a register operand) as RDSEED; the F3 prefix is what tells them apart.
     */
    public static Optional<SiteKind> of(String mnemonic, byte[] bytes) {
        SiteKind kind;
        try {
            kind = valueOf(mnemonic.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notASite) {
            return Optional.empty();
        }
        if (kind == RDSEED && hasRepPrefix(bytes)) {
            kind = RDPID;
        }
        return Optional.of(kind);
    }

    private static boolean hasRepPrefix(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0x0f) {
                return false;
            }
            if (b == (byte) 0xf3) {
                return true;
            }
        }
        return false;
    }
}
