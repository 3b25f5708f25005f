package org.xrr.interposer.replay;

import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.HostCpu;

import java.util.Objects;

/**
 * The machine a replay checks the recording against: this one, or the one a profile describes
 * ({@code xrr replay --as-host FILE}), which lets one machine test what another would say.
 *
 * @param profile       its CPU: features, XCR0 and XSAVE layout
 * @param profileFile   its profile file, for a record command that would suit it
 * @param profileSource how to get that file; empty when it exists
 */
public record ReplayHost(CpuProfile profile, String profileFile, String profileSource) {
    private static final String EXPORTED = "HOST.json";

    public ReplayHost {
        Objects.requireNonNull(profile);
        Objects.requireNonNull(profileFile);
        Objects.requireNonNull(profileSource);
    }

    /** This machine, whose profile 'xrr cpufeatures --export FILE' writes. */
    public static ReplayHost thisMachine() {
        return new ReplayHost(HostCpu.profile(), EXPORTED, EXPORTED + " written by 'xrr cpufeatures --export " + EXPORTED + "'");
    }
}
