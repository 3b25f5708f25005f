package org.xrr.interposer.replay;

import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.HostCpu;

import java.util.Objects;

/**
 * The machine a replay checks the recording against: this one, or the one a profile describes
 * ({@code xrr replay --as-host FILE}), which lets one machine test what another would say.
 *
 * @param profile    its CPU: features, XCR0 and XSAVE layout
 * @param profileArg how to name its profile in a record command that would suit it
 */
public record ReplayHost(CpuProfile profile, String profileArg) {
    public ReplayHost {
        Objects.requireNonNull(profile);
        Objects.requireNonNull(profileArg);
    }

    /** This machine, whose profile 'xrr cpufeatures --export FILE' writes. */
    public static ReplayHost thisMachine() {
        return new ReplayHost(HostCpu.profile(), "FILE (this host's profile, from 'xrr cpufeatures --export FILE')");
    }
}
