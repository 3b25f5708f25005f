package org.xrr.interposer.cpu;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A profile with features this host lacks, presented without force: the model would tell the
 * program it may execute instructions the host cannot run. The message names every one.
 */
public final class ProfileExceedsHostException extends IllegalArgumentException {
    private final List<CpuFeature> missing;

    public ProfileExceedsHostException(CpuProfile profile, List<CpuFeature> missing) {
        super("this host cannot present \"" + profile.name() + "\": it lacks " + missing.size()
                + " of its features: " + missing.stream().map(CpuFeature::name).collect(Collectors.joining(", "))
                + "; forcing presents the profile limited to this host's features");
        this.missing = List.copyOf(missing);
    }

    /** The profile's features the host lacks, by name. */
    public List<CpuFeature> missing() {
        return missing;
    }
}
