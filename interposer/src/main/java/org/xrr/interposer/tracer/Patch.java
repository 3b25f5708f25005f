package org.xrr.interposer.tracer;

import org.xrr.disasm.x86.SiteKind;

/**
 * An instruction whose first byte xrr replaced with int3, and the byte it replaced.
 *
 * @param outOfLine where a copy of the whole instruction sits in the process's scratch page, to
 *                  be single-stepped there; 0 when it has none (it is never stepped, or could not be copied)
 * @param rewritten the site holds a jump to an {@link XsaveTrampoline} instead of an int3: it never traps
 */
record Patch(long address, SiteKind kind, byte original, int length, long outOfLine, boolean rewritten) {
    static final byte INT3 = (byte) 0xcc;
    static final byte JMP = (byte) 0xe9;

    /** Whether memory that now starts with {@code first} still carries this patch. */
    boolean isIntact(byte first) {
        return first == (rewritten ? JMP : INT3);
    }
}
