package org.xrr.interposer.cpu;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Register edits that turn on features this host lacks, without force: the model would tell the
 * program it may execute instructions the host cannot run. The message names every one.
 */
public final class EditsExceedHostException extends IllegalArgumentException {
    private final List<CpuFeature> beyondHost;

    public EditsExceedHostException(List<CpuFeature> beyondHost) {
        super("the model would show " + beyondHost.size() + " feature(s) this host lacks: "
                + beyondHost.stream().map(CpuFeature::name).collect(Collectors.joining(", "))
                + "; forcing hides them instead");
        this.beyondHost = List.copyOf(beyondHost);
    }

    /** The features the edits turned on that the host lacks. */
    public List<CpuFeature> beyondHost() {
        return beyondHost;
    }
}
