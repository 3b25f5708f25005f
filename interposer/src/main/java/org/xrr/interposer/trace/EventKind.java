package org.xrr.interposer.trace;

import java.util.Locale;

/** The kinds of {@link TraceEvent}, as {@code xrr dump} names them. */
public enum EventKind {
    SYSCALL, TRAP, SIGNAL, CLONE, EXEC, EXIT, MAPPED_FILE, PREEMPTION;

    /** The name {@code xrr dump} prints and its {@code --kind} option takes: {@code syscall}, {@code mapped_file}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
