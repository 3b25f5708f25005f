package org.xrr.interposer.syscall;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sub-commands of one multiplexing syscall (ioctl requests, fcntl commands...), keyed by one
 * of its arguments: what each writes, and which are supported. Lookup is a binary search over a
 * sorted array, so the recorder's per-call check allocates nothing.
 */
public final class SubcommandTable {
    private final SubcommandKind kind;
    private final int argument;
    private final long ignoredBits;
    private final long[] keys;
    private final Subcommand[] rows;

    private SubcommandTable(SubcommandKind kind, int argument, long ignoredBits, Map<Long, Subcommand> rows) {
        this.kind = kind;
        this.argument = argument;
        this.ignoredBits = ignoredBits;
        this.keys = rows.keySet().stream().mapToLong(Long::longValue).toArray();
        this.rows = rows.values().toArray(Subcommand[]::new);
    }

    public SubcommandKind kind() {
        return kind;
    }

    /** The index of the argument that selects the sub-command. */
    public int argument() {
        return argument;
    }

    /**
     * The sub-command a call selects: its argument's low 32 bits (the kernel declares every one of
     * these arguments as an int), without the flag bits that do not change what is written
     * (FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME).
     */
    public long key(long[] args) {
        return args[argument] & 0xffffffffL & ~ignoredBits;
    }

    /** The row for a call's sub-command, or null if the table does not know it. */
    public Subcommand lookup(long[] args) {
        int i = Arrays.binarySearch(keys, key(args));
        return i < 0 ? null : rows[i];
    }

    boolean supports(long[] args) {
        Subcommand row = lookup(args);
        return row != null && row.supported();
    }

    public List<Subcommand> all() {
        return List.of(rows);
    }

    /** The call's sub-command for a message: "ioctl request TIOCSTI (0x5412)", or "ioctl request 0x5412 (_IO('T', 0x12))" when unnamed. */
    public String describe(long[] args) {
        long key = key(args);
        Subcommand row = lookup(args);
        return kind.noun() + " " + (row == null ? kind.unknown(key) : row.name() + " (" + kind.number(key) + ")");
    }

    static Builder builder(SubcommandKind kind, int argument, long ignoredBits) {
        return new Builder(kind, argument, ignoredBits);
    }

    static final class Builder {
        private final SubcommandKind kind;
        private final int argument;
        private final long ignoredBits;
        private final Map<Long, Subcommand> rows = new TreeMap<>();

        private Builder(SubcommandKind kind, int argument, long ignoredBits) {
            this.kind = kind;
            this.argument = argument;
            this.ignoredBits = ignoredBits;
        }

        Builder add(long value, String name, Output... outputs) {
            return put(new Subcommand(value, name, true, outputs));
        }

        /** A sub-command the table names, so that the error can, but that the recorder refuses. */
        Builder unsupported(long value, String name) {
            return put(new Subcommand(value, name, false, new Output[0]));
        }

        private Builder put(Subcommand row) {
            if (rows.put(row.value(), row) != null) {
                throw new IllegalStateException(kind.noun() + " " + row.value() + " is in the table twice");
            }
            return this;
        }

        SubcommandTable build() {
            return new SubcommandTable(kind, argument, ignoredBits, rows);
        }
    }
}
