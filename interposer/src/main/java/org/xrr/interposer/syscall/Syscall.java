package org.xrr.interposer.syscall;

import java.util.List;

/** One row of the {@link SyscallTable}: an x86-64 syscall, what replay does with it and what it writes. */
public final class Syscall {
    private final int number;
    private final String name;
    private final Disposition disposition;
    private final int refusalErrno;
    private final boolean returnsThreadId;
    private final Output[] outputs;
    private final SubcommandTable subcommands;

    Syscall(int number, String name, Disposition disposition, int refusalErrno, boolean returnsThreadId,
            Output[] outputs, SubcommandTable subcommands) {
        this.number = number;
        this.name = name;
        this.disposition = disposition;
        this.refusalErrno = refusalErrno;
        this.returnsThreadId = returnsThreadId;
        this.outputs = outputs;
        this.subcommands = subcommands;
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    public Disposition disposition() {
        return disposition;
    }

    /** For {@link Disposition#REFUSE}: the (positive) errno the call fails with. */
    public int refusalErrno() {
        return refusalErrno;
    }

    /**
     * The result is a thread id (clone, fork, vfork, set_tid_address). Replay executes these calls
     * and gets the real id, which is not the recorded one: it must map, not compare.
     */
    public boolean returnsThreadId() {
        return returnsThreadId;
    }

    /** What the call writes whatever its sub-command. */
    public List<Output> outputs() {
        return List.of(outputs);
    }

    Output[] outputArray() {
        return outputs;
    }

    /** The sub-commands of ioctl, fcntl, prctl, arch_prctl and futex; null for other syscalls. */
    public SubcommandTable subcommands() {
        return subcommands;
    }

    /** Whether the recorder can record this call with these arguments: the syscall, and its sub-command if it has one. */
    public boolean supports(long[] args) {
        return disposition != Disposition.UNSUPPORTED && (subcommands == null || subcommands.supports(args));
    }

    @Override
    public String toString() {
        return "'" + name + "' (" + number + ")";
    }
}
