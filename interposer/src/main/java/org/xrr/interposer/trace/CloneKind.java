package org.xrr.interposer.trace;

/** How a process or thread was created. */
public enum CloneKind {
    FORK,
    VFORK,
    /** clone or clone3; the flags say whether it made a thread or a process. */
    CLONE
}
