package org.xrr.disasm.x86;

import capstone.Capstone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whole-instruction decoding (mnemonic and operands, AT&T syntax) through Capstone's Java binding.
 * Used where instructions are shown to a person; bulk sweeps use {@link CapstoneSweep}.
 * Not thread-safe: one instance per thread.
 */
public final class X86Disassembler implements AutoCloseable {
    private final Capstone capstone;

    public X86Disassembler() {
        capstone = new Capstone(Capstone.CS_ARCH_X86, Capstone.CS_MODE_64);
        capstone.setSyntax(Capstone.CS_OPT_SYNTAX_ATT);
        capstone.setDetail(Capstone.CS_OPT_OFF);
    }

    /** Decodes up to {@code count} instructions; stops early at bytes that do not decode. */
    public List<Instruction> decode(byte[] code, long address, int count) {
        List<Instruction> out = new ArrayList<>();
        for (Capstone.CsInsn insn : capstone.disasm(code, address, count)) {
            int start = (int) (insn.address - address);
            out.add(new Instruction(insn.address, Arrays.copyOfRange(code, start, start + insn.size), insn.mnemonic,
                    insn.opStr == null ? "" : insn.opStr));
        }
        return out;
    }

    @Override
    public void close() {
        capstone.close();
    }
}
