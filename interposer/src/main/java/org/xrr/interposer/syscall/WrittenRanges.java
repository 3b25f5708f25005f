package org.xrr.interposer.syscall;

import java.util.Arrays;

/**
 * The address ranges one syscall wrote, refilled for every call: the recorder keeps one and
 * reuses it, so after the first few calls nothing is allocated.
 */
public final class WrittenRanges {
    /**
     * The end of user space with 5-level paging (4-level ends lower): the kernel writes nothing
     * above it, so a range that would reach there is cut at this address.
     */
    static final long USER_SPACE_END = (1L << 56) - 4096;

    private long[] addresses = new long[16];
    private long[] lengths = new long[16];
    private boolean[] inNewChild = new boolean[16];
    private int size;

    public int size() {
        return size;
    }

    public long address(int i) {
        check(i);
        return addresses[i];
    }

    public long length(int i) {
        check(i);
        return lengths[i];
    }

    /** The range is in the memory of the task the call created (clone's CLONE_CHILD_SETTID), not the caller's. */
    public boolean inNewChild(int i) {
        check(i);
        return inNewChild[i];
    }

    public long totalBytes() {
        long total = 0;
        for (int i = 0; i < size; i++) {
            total += lengths[i];
        }
        return total;
    }

    void clear() {
        size = 0;
    }

    /** Adds a range; null addresses, empty ranges and ranges outside user space add nothing. */
    void add(long address, long length, boolean child) {
        if (address <= 0 || length <= 0 || address >= USER_SPACE_END) {
            return;
        }
        long cut = Math.min(length, USER_SPACE_END - address);
        if (size == addresses.length) {
            addresses = Arrays.copyOf(addresses, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
            inNewChild = Arrays.copyOf(inNewChild, size * 2);
        }
        addresses[size] = address;
        lengths[size] = cut;
        inNewChild[size] = child;
        size++;
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            s.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(addresses[i])).append('+').append(lengths[i]);
            if (inNewChild[i]) {
                s.append(" (new child)");
            }
        }
        return s.append(']').toString();
    }
}
