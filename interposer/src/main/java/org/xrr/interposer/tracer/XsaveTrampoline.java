package org.xrr.interposer.tracer;

import org.xrr.disasm.x86.Prefixes;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Machine code that runs an XSAVE-family instruction with RFBM narrowed to the model's XCR0, in
 * the tracee and without a ptrace stop. The site's instruction is replaced by a {@code jmp} to
 * this code, which
 * <pre>
 *   lea -128(%rsp),%rsp      step over the red zone a leaf function may be using
 *   pushfq; push %rax; push %rdx
 *   and $xcr0_lo,%eax; and $xcr0_hi,%edx
 *   the instruction          an %rsp-based operand re-encoded with disp32 + 152
 *   pop %rdx; pop %rax; popfq
 *   lea 128(%rsp),%rsp
 *   jmp back to the site's next instruction
 * </pre>
 * so registers and flags are as the original instruction would leave them. Only instructions of
 * five bytes or more can hold the jump; operands relative to RIP cannot be moved.
 */
final class XsaveTrampoline {
    static final int JMP_LENGTH = 5;
    /** What the trampoline pushes below the original %rsp: red zone plus flags, RAX and RDX. */
    private static final int STACK_SHIFT = 128 + 24;
    private static final int RSP = 4;

    private XsaveTrampoline() {
    }

    /**
     * The trampoline for {@code instruction} (at {@code site}), placed at {@code at}; empty when the
     * instruction cannot be moved or the jumps would not reach.
     */
    static Optional<byte[]> build(byte[] instruction, long site, long at, long xcr0) {
        if (instruction.length < JMP_LENGTH) {
            return Optional.empty();
        }
        Optional<byte[]> moved = relocated(instruction);
        if (moved.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream code = new ByteArrayOutputStream(64);
        write(code, 0x48, 0x8d, 0xa4, 0x24);
        int32(code, -128);
        write(code, 0x9c, 0x50, 0x52);
        write(code, 0x25);
        int32(code, (int) xcr0);
        write(code, 0x81, 0xe2);
        int32(code, (int) (xcr0 >>> 32));
        code.writeBytes(moved.get());
        write(code, 0x5a, 0x58, 0x9d);
        write(code, 0x48, 0x8d, 0xa4, 0x24);
        int32(code, 128);
        long back = site + instruction.length - (at + code.size() + JMP_LENGTH);
        if (back != (int) back || jumpTo(site, at).isEmpty()) {
            return Optional.empty();
        }
        write(code, 0xe9);
        int32(code, (int) back);
        return Optional.of(code.toByteArray());
    }

    /** The {@code jmp rel32} that replaces the site, or empty if the trampoline is out of its reach. */
    static Optional<byte[]> jumpTo(long site, long trampoline) {
        long rel = trampoline - (site + JMP_LENGTH);
        if (rel != (int) rel) {
            return Optional.empty();
        }
        ByteArrayOutputStream code = new ByteArrayOutputStream(JMP_LENGTH);
        write(code, 0xe9);
        int32(code, (int) rel);
        return Optional.of(code.toByteArray());
    }

    /**
     * The instruction as it must read below the pushed words: an operand based on %rsp gets its
     * displacement grown by what was pushed (always as disp32); other operands are unchanged;
     * RIP-relative ones cannot move.
     */
    static Optional<byte[]> relocated(byte[] insn) {
        int at = 0;
        boolean rexB = false;
        while (at < insn.length && Prefixes.isPrefix(insn[at] & 0xff)) {
            if ((insn[at] & 0xf0) == 0x40) {
                rexB = (insn[at] & 1) != 0;
            }
            at++;
        }
        int modrmAt = at + 2;
        if (modrmAt >= insn.length || insn[at] != 0x0f) {
            return Optional.empty();
        }
        int modrm = insn[modrmAt] & 0xff;
        int mod = modrm >>> 6;
        int rm = modrm & 7;
        if (mod == 3 || isRipRelative(insn)) {
            return Optional.empty();
        }
        if (rm != 4 || modrmAt + 1 >= insn.length) {
            return Optional.of(insn.clone());
        }
        int sib = insn[modrmAt + 1] & 0xff;
        boolean rspBase = (sib & 7) == RSP && !rexB;
        if (!rspBase) {
            return Optional.of(insn.clone());
        }
        int dispAt = modrmAt + 2;
        long disp = switch (mod) {
            case 0 -> 0;
            case 1 -> insn[dispAt];
            default -> (insn[dispAt] & 0xff) | (insn[dispAt + 1] & 0xff) << 8 | (insn[dispAt + 2] & 0xff) << 16 | (long) insn[dispAt + 3] << 24;
        };
        long moved = disp + STACK_SHIFT;
        if (moved != (int) moved) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(insn.length + 3);
        out.write(insn, 0, modrmAt);
        write(out, 0x80 | (modrm & 0x3f), sib);
        int32(out, (int) moved);
        return Optional.of(out.toByteArray());
    }

    /** ModRM of a 0F xx instruction after its prefixes: mod 00 with r/m 101 is [RIP + disp32], which cannot move. */
    static boolean isRipRelative(byte[] insn) {
        int at = 0;
        while (at < insn.length && Prefixes.isPrefix(insn[at] & 0xff)) {
            at++;
        }
        int modrm = at + 2;
        return modrm < insn.length && (insn[modrm] & 0xc7) == 0x05;
    }

    private static void write(ByteArrayOutputStream out, int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        write(out, v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
    }
}
