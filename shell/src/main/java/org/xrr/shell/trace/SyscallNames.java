package org.xrr.shell.trace;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * x86-64 syscall names and numbers, for what {@code xrr dump} prints and for its {@code --syscall}
 * filter. {@link #NONE} knows no names, so syscalls are shown and chosen by number until a
 * syscall table provides them.
 */
interface SyscallNames {
    SyscallNames NONE = new SyscallNames() {
        @Override
        public Optional<String> name(int number) {
            return Optional.empty();
        }

        @Override
        public OptionalInt number(String name) {
            return OptionalInt.empty();
        }
    };

    Optional<String> name(int number);

    OptionalInt number(String name);

    /** strace's way: the name, or {@code syscall_N} for a number without one. */
    default String display(int number) {
        return name(number).orElse("syscall_" + number);
    }
}
