package org.xrr.disasm.x86;

/** The x86-64 instruction prefixes: legacy (operand and address size, REP, LOCK, segment) and REX. */
public final class Prefixes {
    private Prefixes() {
    }

    public static boolean isPrefix(int b) {
        return switch (b) {
            case 0x66, 0x67, 0xf2, 0xf3, 0xf0, 0x2e, 0x36, 0x3e, 0x26, 0x64, 0x65 -> true;
            default -> b >= 0x40 && b <= 0x4f;
        };
    }
}
