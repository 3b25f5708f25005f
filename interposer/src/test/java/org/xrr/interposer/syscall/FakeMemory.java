package org.xrr.interposer.syscall;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;

/** Tracee memory made of byte-array regions; anything outside them is unreadable, as unmapped memory is. */
final class FakeMemory implements TraceeMemory {
    private final TreeMap<Long, byte[]> regions = new TreeMap<>();
    private long bytesRead;

    /** A region of {@code size} zero bytes at {@code address}, to fill through the returned little-endian view. */
    ByteBuffer map(long address, int size) {
        byte[] bytes = new byte[size];
        regions.put(address, bytes);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes the iovecs (base, length pairs) as an array at {@code address}. */
    void iovecs(long address, long... baseLengthPairs) {
        ByteBuffer b = map(address, baseLengthPairs.length * 8);
        for (long v : baseLengthPairs) {
            b.putLong(v);
        }
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public boolean read(long address, byte[] buffer, int length) {
        Map.Entry<Long, byte[]> region = regions.floorEntry(address);
        if (region == null || address + length > region.getKey() + region.getValue().length) {
            return false;
        }
        System.arraycopy(region.getValue(), (int) (address - region.getKey()), buffer, 0, length);
        bytesRead += length;
        return true;
    }
}
