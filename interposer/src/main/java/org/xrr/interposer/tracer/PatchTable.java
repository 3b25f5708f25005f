package org.xrr.interposer.tracer;

import java.util.Arrays;

/**
 * The int3-patched sites of one address space, sorted by address, with the addresses also in a
 * primitive array so the trap path finds a site by binary search without boxing or allocation.
 * Additions (at exec and mmap) are rare, so they simply rebuild the arrays.
 */
final class PatchTable {
    private long[] addresses = new long[0];
    private Patch[] patches = new Patch[0];

    /** The patch at {@code address}, or null. */
    Patch find(long address) {
        int i = Arrays.binarySearch(addresses, address);
        return i >= 0 ? patches[i] : null;
    }

    int size() {
        return patches.length;
    }

    void add(Patch patch) {
        int i = Arrays.binarySearch(addresses, patch.address());
        if (i >= 0) {
            return;
        }
        int at = -(i + 1);
        long[] a = new long[addresses.length + 1];
        Patch[] p = new Patch[patches.length + 1];
        System.arraycopy(addresses, 0, a, 0, at);
        System.arraycopy(patches, 0, p, 0, at);
        a[at] = patch.address();
        p[at] = patch;
        System.arraycopy(addresses, at, a, at + 1, addresses.length - at);
        System.arraycopy(patches, at, p, at + 1, patches.length - at);
        addresses = a;
        patches = p;
    }

    /** Forgets the sites inside [start, end): that memory was unmapped or replaced. */
    void removeRange(long start, long end) {
        int from = lowerBound(start);
        int to = lowerBound(end);
        if (from == to) {
            return;
        }
        long[] a = new long[addresses.length - (to - from)];
        Patch[] p = new Patch[a.length];
        System.arraycopy(addresses, 0, a, 0, from);
        System.arraycopy(patches, 0, p, 0, from);
        System.arraycopy(addresses, to, a, from, addresses.length - to);
        System.arraycopy(patches, to, p, from, patches.length - to);
        addresses = a;
        patches = p;
    }

    /** A forked child starts with a copy of its parent's memory, patches included. */
    PatchTable copy() {
        PatchTable t = new PatchTable();
        t.addresses = addresses.clone();
        t.patches = patches.clone();
        return t;
    }

    private int lowerBound(long address) {
        int i = Arrays.binarySearch(addresses, address);
        return i >= 0 ? i : -(i + 1);
    }
}
