package org.xrr.shell.cpu;

import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuProfileException;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.RrFeatureMasks;
import org.xrr.interposer.policy.Policy;
import org.xrr.interposer.policy.PolicyArguments;
import org.xrr.interposer.policy.PolicyException;
import org.xrr.shell.UserError;
import org.xrr.shell.policy.PolicyRunner;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.ArrayList;
import java.util.List;

/** The options that shape the CPU a program sees; shared by every command that runs a program. */
public final class CpuModelOptions {
    @Option(names = "--mask", split = ",", paramLabel = "FEATURE",
            description = "Hide these features (Linux /proc/cpuinfo names, e.g. avx512f,rdrand), with everything that depends on them.")
    List<String> mask = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Present the CPU of this profile (vendor, family, model, brand, features), limited to what this host can execute.")
    Path profile;

    @Option(names = "--target-profile", paramLabel = "FILE",
            description = "Make the trace replayable on the machine FILE describes: show only the features and XCR0 "
                    + "components this host and that one share, without the XSAVE components they lay out differently.")
    Path targetProfile;

    @Option(names = "--force", description = "With --profile or --policy: go ahead even if the profile or policy shows features "
            + "this host lacks (they stay hidden).")
    boolean force;

    @Option(names = "--policy", paramLabel = "FILE.js",
            description = "Present the CPU this JavaScript masking policy computes (see scripts/README.md); "
                    + "the other options here apply as well.")
    Path policy;

    @Option(names = "--policy-arg", paramLabel = "NAME=VALUE",
            description = "An argument for the policy; a VALUE naming a CPU profile file is read by xrr and given to the policy as data.")
    List<String> policyArgs = new ArrayList<>();

    @Option(names = "--disable-cpuid-features", paramLabel = "C[,D]",
            description = "As rr: clear these bits of CPUID leaf 1 ECX and EDX (decimal or 0x hex).")
    String disableCpuidFeatures;

    @Option(names = "--disable-cpuid-features-ext", paramLabel = "B[,C[,D]]",
            description = "As rr: clear these bits of CPUID leaf 7 EBX, ECX and EDX.")
    String disableCpuidFeaturesExt;

    @Option(names = "--disable-cpuid-features-xsave", paramLabel = "A",
            description = "As rr: clear these bits of CPUID leaf 0xD subleaf 1 EAX.")
    String disableCpuidFeaturesXsave;

    @Option(names = "--disable-avx-512", description = "As rr: hide AVX-512 (the same as --mask avx512f).")
    boolean disableAvx512;

    @Option(names = "--xcr0", paramLabel = "VALUE", description = "Present this XCR0 (a subset of this host's, with x87 and SSE).")
    String xcr0;

    @Option(names = "--no-cpuid-faulting",
            description = "Emulate CPUID at patched sites even where the kernel offers CPUID faulting.")
    boolean noCpuidFaulting;

    public boolean cpuidFaulting() {
        return !noCpuidFaulting;
    }

    /** The model these options ask for on a host; bad values and failing policies become one-line errors. */
    public CpuModel build(CpuidTable host, long hostXcr0) {
        return build(host, hostXcr0, List.of());
    }

    /** The model these options ask for, with {@code alwaysHidden} hidden too, whatever the options say. */
    public CpuModel build(CpuidTable host, long hostXcr0, List<String> alwaysHidden) {
        if (policy == null) {
            if (!policyArgs.isEmpty()) {
                throw new UserError("--policy-arg needs --policy");
            }
            return userErrors(() -> builder(host, hostXcr0, alwaysHidden).build());
        }
        Policy loaded;
        PolicyArguments arguments;
        try {
            loaded = Policy.load(policy);
            arguments = PolicyArguments.parse(policyArgs);
        } catch (PolicyException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return PolicyRunner.model(loaded, arguments, host, hostXcr0, () -> userErrors(() -> builder(host, hostXcr0, alwaysHidden)),
                canonical() + " hidden=" + alwaysHidden).model();
    }

    /** A builder with every option but the policy applied. */
    private CpuModelBuilder builder(CpuidTable host, long hostXcr0, List<String> alwaysHidden) throws CpuProfileException {
        CpuModelBuilder b = new CpuModelBuilder(host, hostXcr0).maskNames(mask).maskNames(alwaysHidden).force(force);
        RrFeatureMasks rr = RrFeatureMasks.NONE;
        if (disableCpuidFeatures != null) {
            rr = rr.withDisableCpuidFeatures(disableCpuidFeatures);
        }
        if (disableCpuidFeaturesExt != null) {
            rr = rr.withDisableCpuidFeaturesExt(disableCpuidFeaturesExt);
        }
        if (disableCpuidFeaturesXsave != null) {
            rr = rr.withDisableCpuidFeaturesXsave(disableCpuidFeaturesXsave);
        }
        b.disable(rr);
        if (disableAvx512) {
            b.disableAvx512();
        }
        if (xcr0 != null) {
            b.xcr0(parseXcr0(xcr0));
        }
        if (profile != null) {
            b.present(CpuProfile.load(profile));
        }
        if (targetProfile != null) {
            b.target(CpuProfile.load(targetProfile));
        }
        return b;
    }

    private interface ModelStep<T> {
        T run() throws CpuProfileException;
    }

    private static <T> T userErrors(ModelStep<T> step) {
        try {
            return step.run();
        } catch (CpuProfileException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * Every option but the policy and its arguments, canonically spelled: the model depends on
     * them too, so the policy model cache keys on them. A profile is spelled with its content,
     * which may change under the same name.
     */
    private String canonical() {
        return "mask=" + new TreeSet<>(mask) + " force=" + force + " rr=" + disableCpuidFeatures + "/"
                + disableCpuidFeaturesExt + "/" + disableCpuidFeaturesXsave + " avx512=" + disableAvx512 + " xcr0=" + xcr0
                + " profile=" + content(profile) + " target=" + content(targetProfile);
    }

    private static String content(Path file) {
        try {
            return file == null ? "" : Files.readString(file);
        } catch (IOException e) {
            return "unreadable " + file;
        }
    }

    private static long parseXcr0(String value) {
        try {
            String v = value.trim().toLowerCase();
            return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseUnsignedLong(v);
        } catch (NumberFormatException e) {
            throw new UserError("--xcr0: not a number: '" + value + "' (decimal or 0x hex)");
        }
    }
}
