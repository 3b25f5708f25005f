package org.xrr.interposer.cpu;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a host must hide to look no larger than a target profile: the host's features minus the
 * profile's, so that what is left is the intersection. Given both as xrr {@code --mask} names
 * and as rr record options.
 */
public final class ProfileMatch {
    private final List<CpuFeature> featuresToMask;
    private final RrFeatureMasks rrMasks;

    private ProfileMatch(List<CpuFeature> featuresToMask, RrFeatureMasks rrMasks) {
        this.featuresToMask = featuresToMask;
        this.rrMasks = rrMasks;
    }

    public static ProfileMatch between(CpuModel host, CpuProfile target) {
        Set<CpuFeature> inTarget = FeatureCatalogue.presentIn(target.table());
        List<CpuFeature> extra = host.features().stream()
                .filter(f -> f.kind() != FeatureKind.OS_STATE && !inTarget.contains(f))
                .sorted(Comparator.comparing(CpuFeature::name))
                .toList();
        return new ProfileMatch(extra, RrFeatureMasks.beyond(host.table(), target.table()));
    }

    /** The host's features the profile lacks, sorted by name. */
    public List<CpuFeature> featuresToMask() {
        return featuresToMask;
    }

    /** The value for xrr's {@code --mask}: those names, comma-separated; empty when nothing needs hiding. */
    public String maskOption() {
        return featuresToMask.stream().map(CpuFeature::name).collect(Collectors.joining(","));
    }

    /**
     * The same limit for rr: every bit of rr's six registers the host sets and the profile does
     * not. rr's options reach only leaf 1, leaf 7 subleaf 0 and leaf 0xD subleaf 1, so features
     * elsewhere (leaf 7 subleaf 1, 0x80000001, 0x80000008) stay; {@link #maskOption()} covers them.
     */
    public RrFeatureMasks rrMasks() {
        return rrMasks;
    }
}
