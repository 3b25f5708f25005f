package org.xrr.shell.cpu;

import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuProfileException;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.RrFeatureMasks;
import org.xrr.shell.UserError;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    @Option(names = "--force", description = "With --profile: go ahead even if the profile has features this host lacks (they stay hidden).")
    boolean force;

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

    /** The model these options ask for on a host; bad values become one-line errors. */
    public CpuModel build(CpuidTable host, long hostXcr0) {
        try {
            CpuModelBuilder b = new CpuModelBuilder(host, hostXcr0).maskNames(mask).force(force);
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
            return b.build();
        } catch (CpuProfileException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
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
