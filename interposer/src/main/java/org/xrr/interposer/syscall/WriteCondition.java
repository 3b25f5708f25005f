package org.xrr.interposer.syscall;

import org.xrr.interposer.ptrace.Errno;

/** For which results the kernel writes an output. */
public enum WriteCondition {
    /** The call succeeded (result >= 0). */
    SUCCESS,
    /** The result is positive: wait4 with WNOHANG returns 0 and writes nothing. */
    POSITIVE,
    /**
     * A signal interrupted the call: EINTR, or one of the restart codes that a syscall-exit stop
     * shows before the kernel turns them into EINTR or a restart (nanosleep's remaining time).
     */
    INTERRUPTED,
    /** Success or interruption: poll's revents. */
    SUCCESS_OR_INTERRUPTED,
    /**
     * Any result but EFAULT: select's remaining timeout is written back whatever the call
     * returns, unless the kernel could not read it in the first place.
     */
    UNLESS_FAULTED;

    boolean holds(long result) {
        return switch (this) {
            case SUCCESS -> result >= 0;
            case POSITIVE -> result > 0;
            case INTERRUPTED -> interrupted(result);
            case SUCCESS_OR_INTERRUPTED -> result >= 0 || interrupted(result);
            case UNLESS_FAULTED -> result != -Errno.EFAULT;
        };
    }

    private static boolean interrupted(long result) {
        return result == -Errno.EINTR || result == -Errno.ERESTARTSYS || result == -Errno.ERESTARTNOINTR
                || result == -Errno.ERESTARTNOHAND || result == -Errno.ERESTART_RESTARTBLOCK;
    }
}
