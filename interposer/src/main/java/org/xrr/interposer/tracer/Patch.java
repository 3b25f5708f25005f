package org.xrr.interposer.tracer;

import org.xrr.disasm.x86.SiteKind;

/**
 * An instruction whose first byte xrr replaced with int3, and the byte it replaced.
 *
 * @param outOfLine where a copy of the whole instruction sits in the process's scratch page, to
 *                  be single-stepped there; 0 when it has none (it is never stepped, or could not be copied)
 */
record Patch(long address, SiteKind kind, byte original, int length, long outOfLine) {
}
