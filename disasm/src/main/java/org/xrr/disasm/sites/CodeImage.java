package org.xrr.disasm.sites;

import java.util.List;

/**
 * A contiguous run of code to sweep: one executable section of a file, or one executable mapping
 * of a process.
 *
 * @param name       section or mapping name, used for sites before the first sync point
 * @param address    address of {@code bytes[0]}
 * @param fileOffset file offset of {@code bytes[0]}, or -1 for memory that no file backs
 * @param syncPoints ascending by address, all inside the image
 */
public record CodeImage(String name, byte[] bytes, long address, long fileOffset, List<SyncPoint> syncPoints) {
    public boolean contains(long addr) {
        return addr >= address && addr < address + bytes.length;
    }

    /** The same code at another address, with other bytes (e.g. read from a process), sync points moved along. */
    public CodeImage rebased(long newAddress, byte[] newBytes) {
        long delta = newAddress - address;
        List<SyncPoint> moved = syncPoints.stream().map(p -> new SyncPoint(p.address() + delta, p.symbol())).toList();
        return new CodeImage(name, newBytes, newAddress, fileOffset, moved);
    }
}
