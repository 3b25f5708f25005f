package org.xrr.interposer.tracer;

import org.xrr.disasm.x86.Prefixes;
import org.xrr.interposer.ptrace.Registers;

/**
 * The address a {@code 0F xx /r} instruction's memory operand names, from its encoding and the
 * thread's registers: ModRM, SIB, displacement, RIP-relative and FS/GS-based forms. Used at a
 * trap, so it allocates nothing.
 */
final class MemoryOperand {
    /** What {@link #address} returns for an operand that is a register, not memory. */
    static final long NOT_MEMORY = -1;
    private static final int FS = 0x64;
    private static final int GS = 0x65;
    private static final int ADDRESS_SIZE = 0x67;

    private MemoryOperand() {
    }

    /**
     * @param insn   the instruction's bytes, {@code length} of them
     * @param next   the address of the instruction after it, what RIP-relative operands count from
     */
    static long address(byte[] insn, int length, Registers regs, long next) {
        int at = 0;
        int rex = 0;
        long segment = 0;
        boolean address32 = false;
        while (at < length && Prefixes.isPrefix(insn[at] & 0xff)) {
            int b = insn[at] & 0xff;
            if ((b & 0xf0) == 0x40) {
                rex = b;
            } else if (b == FS) {
                segment = regs.get(Registers.FS_BASE);
            } else if (b == GS) {
                segment = regs.get(Registers.GS_BASE);
            } else if (b == ADDRESS_SIZE) {
                address32 = true;
            }
            at++;
        }
        int modrmAt = at + 2;
        int modrm = insn[modrmAt] & 0xff;
        int mod = modrm >>> 6;
        int rm = modrm & 7;
        if (mod == 3) {
            return NOT_MEMORY;
        }
        int p = modrmAt + 1;
        long base;
        if (rm == 4) {
            int sib = insn[p++] & 0xff;
            int scale = sib >>> 6;
            int index = (sib >>> 3 & 7) | (rex & 2) << 2;
            int baseReg = sib & 7;
            base = index == 4 ? 0 : regs.general(index) << scale;
            if (baseReg == 5 && mod == 0) {
                base += int32(insn, p);
                p += 4;
            } else {
                base += regs.general(baseReg | (rex & 1) << 3);
            }
        } else if (rm == 5 && mod == 0) {
            return segment + offset(next + int32(insn, p), address32);
        } else {
            base = regs.general(rm | (rex & 1) << 3);
        }
        if (mod == 1) {
            base += insn[p];
        } else if (mod == 2) {
            base += int32(insn, p);
        }
        return segment + offset(base, address32);
    }

    /** With the 0x67 prefix, the offset is computed in 32 bits. */
    private static long offset(long value, boolean address32) {
        return address32 ? value & 0xffff_ffffL : value;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | b[at + 3] << 24;
    }
}
