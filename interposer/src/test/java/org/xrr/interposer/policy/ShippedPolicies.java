package org.xrr.interposer.policy;

import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.Profiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The policies in scripts/policies, found through the {@code xrr.scripts.dir} property the build sets. */
final class ShippedPolicies {
    private ShippedPolicies() {
    }

    static Path path(String file) {
        String dir = System.getProperty("xrr.scripts.dir");
        if (dir == null) {
            throw new IllegalStateException("xrr.scripts.dir is not set: run the tests through Maven");
        }
        Path p = Path.of(dir, "policies", file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no shipped policy " + p);
        }
        return p;
    }

    static Policy load(String file) throws PolicyException {
        return Policy.load(path(file));
    }

    /** The model a shipped policy computes on the machine a profile describes, with no cache. */
    static CpuModel on(String hostProfile, String policyFile, String... arguments) throws PolicyException {
        CpuProfile host = Profiles.load(hostProfile);
        return new PolicyEvaluator(null).evaluate(load(policyFile), PolicyArguments.parse(List.of(arguments)),
                host.table(), host.xcr0(), () -> Profiles.hostOf(host), "").model();
    }

    /** The same host with the given features hidden through the builder, as --mask does it. */
    static CpuModel masked(String hostProfile, String... features) {
        CpuModelBuilder b = Profiles.hostOf(Profiles.load(hostProfile));
        return b.mask(features).build();
    }
}
