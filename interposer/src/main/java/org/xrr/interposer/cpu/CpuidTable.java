package org.xrr.interposer.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An immutable CPUID table: (leaf, subleaf) to the four registers CPUID returns.
 *
 * <p>Only the leaves Intel and AMD define as subleaf-indexed look at ECX; for every other leaf
 * the subleaf is ignored, on lookup and on {@link Builder#put}, because the hardware ignores it.
 * A (leaf, subleaf) the table does not hold reads as zeros, which is what CPUID returns for an
 * invalid subleaf and what a consistent model returns for a hidden one.
 *
 * <p>{@link #lookup} allocates nothing: the emulator answers every trapped CPUID through it.
 */
public final class CpuidTable implements Iterable<CpuidTable.Entry> {
    /** One row of the table. */
    public record Entry(int leaf, int subleaf, int eax, int ebx, int ecx, int edx) {
        public int get(CpuidRegister register) {
            return switch (register) {
                case EAX -> eax;
                case EBX -> ebx;
                case ECX -> ecx;
                case EDX -> edx;
            };
        }

        @Override
        public String toString() {
            return String.format("CPUID(0x%x,0x%x) = %08x %08x %08x %08x", leaf, subleaf, eax, ebx, ecx, edx);
        }
    }

    // Keys are (leaf << 32 | subleaf) shifted by Long.MIN_VALUE so that signed order is unsigned
    // order: the table iterates basic, hypervisor, then extended leaves, and binarySearch works.
    private final long[] keys;
    private final int[] registers;

    private CpuidTable(long[] keys, int[] registers) {
        this.keys = keys;
        this.registers = registers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts with every row of this table. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (int i = 0; i < keys.length; i++) {
            b.rows.put(keys[i], Arrays.copyOfRange(registers, 4 * i, 4 * i + 4));
        }
        return b;
    }

    /** Whether CPUID leaf {@code leaf} reads ECX as a subleaf index. */
    public static boolean isSubleafIndexed(int leaf) {
        switch (leaf) {
            case 0x4, 0x7, 0xB, 0xD, 0xF, 0x10, 0x12, 0x14, 0x17, 0x18, 0x1D, 0x1E, 0x1F, 0x20, 0x23, 0x24,
                    0x8000001D, 0x80000020, 0x80000026:
                return true;
            default:
                return false;
        }
    }

    /**
     * Writes the registers for (leaf, subleaf) into {@code out[0..3]} (EAX, EBX, ECX, EDX), zeros
     * when the table has no such row. Returns whether the row exists. Allocates nothing.
     */
    public boolean lookup(int leaf, int subleaf, int[] out) {
        int i = Arrays.binarySearch(keys, key(leaf, subleaf));
        if (i < 0) {
            out[0] = 0;
            out[1] = 0;
            out[2] = 0;
            out[3] = 0;
            return false;
        }
        System.arraycopy(registers, 4 * i, out, 0, 4);
        return true;
    }

    public int get(int leaf, int subleaf, CpuidRegister register) {
        int i = Arrays.binarySearch(keys, key(leaf, subleaf));
        return i < 0 ? 0 : registers[4 * i + register.index()];
    }

    public boolean contains(int leaf, int subleaf) {
        return Arrays.binarySearch(keys, key(leaf, subleaf)) >= 0;
    }

    /** The highest basic leaf CPUID answers: leaf 0 EAX. */
    public int maxBasicLeaf() {
        return get(0, 0, CpuidRegister.EAX);
    }

    /** The highest extended leaf CPUID answers: leaf 0x80000000 EAX. */
    public int maxExtendedLeaf() {
        return get(0x80000000, 0, CpuidRegister.EAX);
    }

    public int size() {
        return keys.length;
    }

    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            long raw = keys[i] - Long.MIN_VALUE;
            int r = 4 * i;
            list.add(new Entry((int) (raw >>> 32), (int) raw, registers[r], registers[r + 1], registers[r + 2], registers[r + 3]));
        }
        return List.copyOf(list);
    }

    @Override
    public Iterator<Entry> iterator() {
        return entries().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuidTable t && Arrays.equals(keys, t.keys) && Arrays.equals(registers, t.registers);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(keys) + Arrays.hashCode(registers);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CpuidTable[");
        for (Entry e : this) {
            sb.append('\n').append("  ").append(e);
        }
        return sb.append(keys.length == 0 ? "]" : "\n]").toString();
    }

    private static long key(int leaf, int subleaf) {
        int sub = isSubleafIndexed(leaf) ? subleaf : 0;
        return (((long) leaf << 32) | (sub & 0xFFFF_FFFFL)) + Long.MIN_VALUE;
    }

    /** Collects rows; a later {@link #put} of the same (leaf, subleaf) replaces the earlier one. */
    public static final class Builder {
        private final TreeMap<Long, int[]> rows = new TreeMap<>();

        private Builder() {
        }

        public Builder put(int leaf, int subleaf, int eax, int ebx, int ecx, int edx) {
            rows.put(key(leaf, subleaf), new int[] {eax, ebx, ecx, edx});
            return this;
        }

        public Builder put(Entry e) {
            return put(e.leaf(), e.subleaf(), e.eax(), e.ebx(), e.ecx(), e.edx());
        }

        public int get(int leaf, int subleaf, CpuidRegister register) {
            int[] r = rows.get(key(leaf, subleaf));
            return r == null ? 0 : r[register.index()];
        }

        public boolean contains(int leaf, int subleaf) {
            return rows.containsKey(key(leaf, subleaf));
        }

        /** Sets one register, creating a zero row first if (leaf, subleaf) has none. */
        public Builder set(int leaf, int subleaf, CpuidRegister register, int value) {
            rows.computeIfAbsent(key(leaf, subleaf), k -> new int[4])[register.index()] = value;
            return this;
        }

        /** Clears {@code bits} in one register; a row that does not exist stays absent. */
        public Builder clearBits(int leaf, int subleaf, CpuidRegister register, int bits) {
            int[] r = rows.get(key(leaf, subleaf));
            if (r != null) {
                r[register.index()] &= ~bits;
            }
            return this;
        }

        /** Removes every subleaf of {@code leaf}. */
        public Builder removeLeaf(int leaf) {
            long first = key(leaf, 0);
            long last = isSubleafIndexed(leaf) ? key(leaf, -1) : first;
            rows.subMap(first, true, last, true).clear();
            return this;
        }

        /** Removes the rows that {@code keep} rejects. */
        public Builder retain(Predicate<Entry> keep) {
            rows.entrySet().removeIf(row -> !keep.test(entry(row)));
            return this;
        }

        public CpuidTable build() {
            long[] keys = new long[rows.size()];
            int[] registers = new int[4 * rows.size()];
            int i = 0;
            for (Map.Entry<Long, int[]> row : rows.entrySet()) {
                keys[i] = row.getKey();
                System.arraycopy(row.getValue(), 0, registers, 4 * i, 4);
                i++;
            }
            return new CpuidTable(keys, registers);
        }

        private static Entry entry(Map.Entry<Long, int[]> row) {
            long raw = row.getKey() - Long.MIN_VALUE;
            int[] r = row.getValue();
            return new Entry((int) (raw >>> 32), (int) raw, r[0], r[1], r[2], r[3]);
        }
    }
}
