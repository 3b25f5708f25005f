package org.xrr.disasm.sites;

import org.xrr.disasm.x86.SiteKind;

import java.util.HexFormat;

/**
 * One instruction xrr interposes on.
 *
 * @param address      virtual address (in a file scan) or run-time address (in a process scan)
 * @param fileOffset   offset of the instruction in its file, or -1 for anonymous memory
 * @param symbol       the symbol whose code holds the site, or the section or mapping name when none does
 * @param symbolOffset distance from that symbol's address to the site
 */
public record Site(SiteKind kind, long address, long fileOffset, byte[] bytes, String symbol, long symbolOffset) {
    public int length() {
        return bytes.length;
    }

    public String hexBytes() {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    public String location() {
        return symbolOffset == 0 ? symbol : symbol + "+0x" + Long.toHexString(symbolOffset);
    }
}
