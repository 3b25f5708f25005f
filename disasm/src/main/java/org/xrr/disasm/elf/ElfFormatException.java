package org.xrr.disasm.elf;

/** A file that is not a well-formed 64-bit x86-64 ELF object; the message names the problem. */
public final class ElfFormatException extends Exception {
    public ElfFormatException(String message) {
        super(message);
    }
}
