package org.xrr.shell.trace;

import org.xrr.interposer.syscall.SyscallTable;

import java.util.Optional;
import java.util.OptionalInt;

/** x86-64 syscall names and numbers, from the syscall table, for what {@code xrr dump} prints and filters on. */
public final class SyscallNames {
    public Optional<String> name(int number) {
        return SyscallTable.name(number);
    }

    public OptionalInt number(String name) {
        return SyscallTable.number(name);
    }

    /** strace's way: the name, or {@code syscall_N} for a number without one. */
    public String display(int number) {
        return name(number).orElse("syscall_" + number);
    }
}
