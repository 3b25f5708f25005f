package org.xrr.interposer.syscall;

import java.util.List;

/** One row of a {@link SubcommandTable}: an ioctl request, an fcntl command, a prctl option... */
public final class Subcommand {
    private final long value;
    private final String name;
    private final boolean supported;
    private final Output[] outputs;

    Subcommand(long value, String name, boolean supported, Output[] outputs) {
        this.value = value;
        this.name = name;
        this.supported = supported;
        this.outputs = outputs;
    }

    public long value() {
        return value;
    }

    public String name() {
        return name;
    }

    public boolean supported() {
        return supported;
    }

    /** What the call writes with this sub-command, besides what the syscall's own row says. */
    public List<Output> outputs() {
        return List.of(outputs);
    }

    Output[] outputArray() {
        return outputs;
    }

    @Override
    public String toString() {
        return name;
    }
}
