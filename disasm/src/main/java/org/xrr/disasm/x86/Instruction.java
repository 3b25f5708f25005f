package org.xrr.disasm.x86;

import java.util.HexFormat;

/** One decoded instruction, in AT&T syntax as objdump prints it. */
public record Instruction(long address, byte[] bytes, String mnemonic, String operands) {
    public int length() {
        return bytes.length;
    }

    public String hexBytes() {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    public String text() {
        return operands.isEmpty() ? mnemonic : mnemonic + " " + operands;
    }
}
