package org.xrr.interposer.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A successful execve: the thread now runs a new program.
 *
 * @param path       the path the program passed to execve
 * @param argv       the new program's arguments
 * @param atRandom   the 16 bytes the kernel put at AT_RANDOM, which replay writes back
 * @param executable the file that was executed
 */
public record ExecEvent(int tid, String path, List<String> argv, byte[] atRandom, FileIdentity executable)
        implements TraceEvent {
    public static final int AT_RANDOM_BYTES = 16;

    public ExecEvent {
        Validation.tid(tid);
        Objects.requireNonNull(path);
        argv = List.copyOf(argv);
        Validation.length("AT_RANDOM", atRandom.length, AT_RANDOM_BYTES);
        atRandom = atRandom.clone();
        Objects.requireNonNull(executable);
    }

    /** A copy of the AT_RANDOM bytes. */
    @Override
    public byte[] atRandom() {
        return atRandom.clone();
    }

    /** The AT_RANDOM bytes themselves, for the encoder, which only reads them. */
    byte[] sharedAtRandom() {
        return atRandom;
    }

    @Override
    public EventKind kind() {
        return EventKind.EXEC;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.exec(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecEvent e && tid == e.tid && path.equals(e.path) && argv.equals(e.argv)
                && Arrays.equals(atRandom, e.atRandom) && executable.equals(e.executable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tid, path, argv, Arrays.hashCode(atRandom), executable);
    }

    @Override
    public String toString() {
        return "ExecEvent[tid=" + tid + ", path=" + path + ", argv=" + argv + ", executable=" + executable + "]";
    }
}
