package org.xrr.interposer.cpu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.xrr.interposer.cpu.CpuidRegister.EAX;
import static org.xrr.interposer.cpu.CpuidRegister.EBX;
import static org.xrr.interposer.cpu.CpuidRegister.ECX;
import static org.xrr.interposer.cpu.CpuidRegister.EDX;

/**
 * The catalogue of named CPU features: every bit Linux names in CPUID leaf 1 ECX/EDX, leaf 7
 * subleaf 0 EBX/ECX/EDX, leaf 7 subleaf 1 EAX, leaf 0xD subleaf 1 EAX, leaf 0x80000001 ECX/EDX
 * and leaf 0x80000008 EBX, under the names Linux uses, so users can type what
 * {@code /proc/cpuinfo} shows them.
 *
 * <p>Dependencies follow the kernel's own table of what must be disabled with what, plus what
 * a user-space model needs on top of it: a feature whose instructions use YMM state needs AVX
 * (the kernel ties some of them only to SSE2), and the OS-set bits OSXSAVE and OSPKE follow
 * XSAVE and PKU.
 */
public final class FeatureCatalogue {
    /**
     * The leaf 1 EDX bits AMD repeats in leaf 0x80000001 EDX (FPU, VME, DE, PSE, TSC, MSR, PAE,
     * MCE, CX8, APIC, MTRR, PGE, MCA, CMOV, PAT, PSE36, MMX, FXSR). Linux names them once, in
     * leaf 1; a model that hides one must hide its copy too.
     */
    static final int AMD_MIRRORED_LEAF1_EDX = 0x0183_F3FF;

    private static final List<CpuFeature> FEATURES;
    private static final Map<String, CpuFeature> BY_NAME;
    private static final Map<CpuFeature, List<CpuFeature>> DEPENDENTS;

    static {
        Draft d = new Draft();
        leaf1(d);
        leaf7(d);
        xsaveLeaf(d);
        extendedLeaves(d);
        xcr0Relations(d);
        systemFeatures(d);
        d.kind(FeatureKind.OS_STATE, "osxsave", "ospke");
        FEATURES = d.finish();

        Map<String, CpuFeature> byName = new LinkedHashMap<>();
        Map<CpuFeature, List<CpuFeature>> dependents = new HashMap<>();
        for (CpuFeature f : FEATURES) {
            byName.put(f.name(), f);
            dependents.put(f, new ArrayList<>());
        }
        for (CpuFeature f : FEATURES) {
            for (String required : f.requires()) {
                dependents.get(byName.get(required)).add(f);
            }
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        dependents.replaceAll((f, list) -> List.copyOf(list));
        DEPENDENTS = Collections.unmodifiableMap(dependents);
    }

    private FeatureCatalogue() {
    }

    /** Every feature, leaf by leaf and bit by bit. */
    public static List<CpuFeature> all() {
        return FEATURES;
    }

    /** The feature with this name (any case), if there is one. */
    public static Optional<CpuFeature> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** The feature with this name (any case); an unknown name fails with suggestions. */
    public static CpuFeature named(String name) {
        return find(name).orElseThrow(() -> new UnknownFeatureException(name, closest(name)));
    }

    /**
     * Up to five feature names nearest to {@code unknown} by edit distance, nearest first, for a
     * "did you mean" message; empty when nothing is near enough to be a plausible typo. Among
     * equally near names, those sharing a longer prefix come first: people mistype the ends of
     * names ({@code sse42} means {@code sse4_2} rather than {@code sse2}).
     */
    /** Longer than any feature name, with room to spare. */
    static final int MAX_NAME_LENGTH = 64;

    public static List<String> closest(String unknown) {
        String wanted = unknown.trim().toLowerCase(Locale.ROOT);
        if (wanted.length() > MAX_NAME_LENGTH) {
            // No feature name is this long, and comparing it with every name would take long.
            return List.of();
        }
        int limit = Math.max(2, wanted.length() / 3);
        record Candidate(String name, int distance, int sharedPrefix) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String name : BY_NAME.keySet()) {
            int distance = editDistance(wanted, name);
            if (distance <= limit) {
                candidates.add(new Candidate(name, distance, sharedPrefix(wanted, name)));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::distance)
                .thenComparing(Comparator.comparingInt(Candidate::sharedPrefix).reversed())
                .thenComparing(Candidate::name));
        return candidates.stream().limit(5).map(Candidate::name).toList();
    }

    /** The feature and everything that transitively requires it: what masking it hides. */
    public static Set<CpuFeature> maskedWith(CpuFeature feature) {
        return maskedWith(List.of(feature));
    }

    /** The features and everything that transitively requires any of them. */
    public static Set<CpuFeature> maskedWith(Collection<CpuFeature> features) {
        Set<CpuFeature> masked = new LinkedHashSet<>();
        Deque<CpuFeature> pending = new ArrayDeque<>(features);
        while (!pending.isEmpty()) {
            CpuFeature f = pending.pop();
            if (masked.add(f)) {
                pending.addAll(DEPENDENTS.getOrDefault(f, List.of()));
            }
        }
        return Collections.unmodifiableSet(masked);
    }

    /** The features whose bit is set in {@code table}, in catalogue order. */
    public static Set<CpuFeature> presentIn(CpuidTable table) {
        Set<CpuFeature> present = new LinkedHashSet<>();
        for (CpuFeature f : FEATURES) {
            if (f.isSetIn(table)) {
                present.add(f);
            }
        }
        return Collections.unmodifiableSet(present);
    }

    /**
     * The features user code may execute that {@code shown} sets and {@code host} lacks, sorted
     * by name: what a program shown {@code shown} may use and {@code host} cannot run.
     */
    public static List<CpuFeature> userFeaturesMissing(CpuidTable shown, CpuidTable host) {
        Set<CpuFeature> onHost = presentIn(host);
        return presentIn(shown).stream()
                .filter(f -> f.kind() == FeatureKind.USER && !onHost.contains(f))
                .sorted(Comparator.comparing(CpuFeature::name))
                .toList();
    }

    /** The features whose bit is among {@code bits} of one register. */
    public static List<CpuFeature> at(int leaf, int subleaf, CpuidRegister register, int bits) {
        return FEATURES.stream()
                .filter(f -> f.leaf() == leaf && f.subleaf() == subleaf && f.register() == register && (bits & f.mask()) != 0)
                .toList();
    }

    private static int sharedPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static void leaf1(Draft d) {
        d.at(0x1, 0, EDX)
                .bit(0, "fpu")
                .bit(1, "vme")
                .bit(2, "de")
                .bit(3, "pse")
                .bit(4, "tsc")
                .bit(5, "msr")
                .bit(6, "pae")
                .bit(7, "mce")
                .bit(8, "cx8")
                .bit(9, "apic")
                .bit(11, "sep")
                .bit(12, "mtrr")
                .bit(13, "pge")
                .bit(14, "mca")
                .bit(15, "cmov", "fxsr")
                .bit(16, "pat")
                .bit(17, "pse36")
                .bit(18, "pn")
                .bit(19, "clflush")
                .bit(21, "dts")
                .bit(22, "acpi")
                .bit(23, "mmx", "fxsr")
                .bit(24, "fxsr", "fpu")
                .bit(25, "sse", "fxsr")
                .bit(26, "sse2", "sse")
                .bit(27, "ss")
                .bit(28, "ht")
                .bit(29, "tm")
                .bit(30, "ia64")
                .bit(31, "pbe");
        d.at(0x1, 0, ECX)
                .bit(0, "pni", "sse2")
                .bit(1, "pclmulqdq", "sse2")
                .bit(2, "dtes64")
                .bit(3, "monitor")
                .bit(4, "ds_cpl")
                .bit(5, "vmx")
                .bit(6, "smx")
                .bit(7, "est")
                .bit(8, "tm2")
                .bit(9, "ssse3", "sse2")
                .bit(10, "cid")
                .bit(11, "sdbg")
                .bit(12, "fma", "avx")
                .bit(13, "cx16")
                .bit(14, "xtpr")
                .bit(15, "pdcm")
                .bit(17, "pcid")
                .bit(18, "dca")
                .bit(19, "sse4_1", "sse2")
                .bit(20, "sse4_2", "sse2")
                .bit(21, "x2apic")
                .bit(22, "movbe")
                .bit(23, "popcnt")
                .bit(24, "tsc_deadline_timer")
                .bit(25, "aes", "sse2")
                .bit(26, "xsave", "fxsr")
                .bit(27, "osxsave", "xsave")
                .bit(28, "avx", "xsave")
                // VEX-encoded only, so it faults without AVX state even though the kernel ties it to SSE2.
                .bit(29, "f16c", "sse2", "avx")
                .bit(30, "rdrand")
                .bit(31, "hypervisor");
    }

    private static void leaf7(Draft d) {
        d.at(0x7, 0, EBX)
                .bit(0, "fsgsbase")
                .bit(1, "tsc_adjust")
                .bit(2, "sgx")
                .bit(3, "bmi1")
                .bit(4, "hle")
                .bit(5, "avx2", "avx")
                .bit(6, "fdp_excptn_only")
                .bit(7, "smep")
                .bit(8, "bmi2")
                .bit(9, "erms")
                .bit(10, "invpcid")
                .bit(11, "rtm")
                .bit(12, "cqm")
                .bit(13, "zero_fcs_fds")
                .bit(14, "mpx", "xsave")
                .bit(15, "rdt_a")
                .bit(16, "avx512f", "avx")
                .bit(17, "avx512dq", "avx512f")
                .bit(18, "rdseed")
                .bit(19, "adx")
                .bit(20, "smap")
                .bit(21, "avx512ifma", "avx512f")
                .bit(23, "clflushopt")
                .bit(24, "clwb")
                .bit(25, "intel_pt")
                .bit(26, "avx512pf", "avx512f")
                .bit(27, "avx512er", "avx512f")
                .bit(28, "avx512cd", "avx512f")
                .bit(29, "sha_ni", "sse2")
                .bit(30, "avx512bw", "avx512f")
                .bit(31, "avx512vl", "avx512f");
        d.at(0x7, 0, ECX)
                .bit(1, "avx512vbmi", "avx512f")
                .bit(2, "umip")
                .bit(3, "pku", "xsave")
                .bit(4, "ospke", "pku")
                .bit(5, "waitpkg")
                .bit(6, "avx512_vbmi2", "avx512vl")
                .bit(7, "shstk", "xsaves")
                .bit(8, "gfni", "sse2")
                .bit(9, "vaes", "avx")
                .bit(10, "vpclmulqdq", "avx")
                .bit(11, "avx512_vnni", "avx512vl")
                .bit(12, "avx512_bitalg", "avx512vl")
                .bit(13, "tme")
                .bit(14, "avx512_vpopcntdq", "avx512f")
                .bit(16, "la57")
                .bit(22, "rdpid")
                .bit(24, "bus_lock_detect")
                .bit(25, "cldemote")
                .bit(27, "movdiri")
                .bit(28, "movdir64b")
                .bit(29, "enqcmd", "xsaves")
                .bit(30, "sgx_lc", "sgx");
        d.at(0x7, 0, EDX)
                .bit(2, "avx512_4vnniw", "avx512f")
                .bit(3, "avx512_4fmaps", "avx512f")
                .bit(4, "fsrm")
                .bit(8, "avx512_vp2intersect", "avx512vl")
                .bit(9, "srbds_ctrl")
                .bit(10, "md_clear")
                .bit(11, "rtm_always_abort")
                .bit(13, "tsx_force_abort")
                .bit(14, "serialize")
                .bit(15, "hybrid_cpu")
                .bit(16, "tsxldtrk")
                .bit(18, "pconfig")
                .bit(19, "arch_lbr")
                .bit(20, "ibt")
                .bit(22, "amx_bf16", "amx_tile")
                .bit(23, "avx512_fp16", "avx512bw")
                .bit(24, "amx_tile", "xfd")
                .bit(25, "amx_int8", "amx_tile")
                .bit(26, "spec_ctrl")
                .bit(27, "intel_stibp")
                .bit(28, "flush_l1d")
                .bit(29, "arch_capabilities")
                .bit(30, "core_capabilities")
                .bit(31, "spec_ctrl_ssbd", "spec_ctrl");
        // SHA512, SM3, SM4 and AVX-IFMA are VEX-encoded: without AVX state they fault.
        d.at(0x7, 1, EAX)
                .bit(0, "sha512", "avx")
                .bit(1, "sm3", "avx")
                .bit(2, "sm4", "avx")
                .bit(4, "avx_vnni", "avx")
                .bit(5, "avx512_bf16", "avx512vl")
                .bit(6, "lass", "smap")
                .bit(7, "cmpccxadd")
                .bit(8, "arch_perfmon_ext")
                .bit(10, "fzrm")
                .bit(11, "fsrs")
                .bit(12, "fsrc")
                .bit(17, "fred", "lkgs")
                .bit(18, "lkgs")
                .bit(19, "wrmsrns")
                .bit(21, "amx_fp16", "amx_tile")
                .bit(23, "avx_ifma", "avx")
                .bit(26, "lam");
    }

    private static void xsaveLeaf(Draft d) {
        d.at(0xD, 1, EAX)
                .bit(0, "xsaveopt", "xsave")
                .bit(1, "xsavec", "xsave")
                .bit(2, "xgetbv1", "xsave")
                .bit(3, "xsaves", "xsave")
                .bit(4, "xfd", "xsaves", "xgetbv1");
    }

    private static void extendedLeaves(Draft d) {
        d.at(0x80000001, 0, EDX)
                .bit(11, "syscall")
                .bit(19, "mp")
                .bit(20, "nx")
                .bit(22, "mmxext", "mmx")
                .bit(25, "fxsr_opt", "fxsr")
                .bit(26, "pdpe1gb")
                .bit(27, "rdtscp")
                .bit(29, "lm")
                .bit(30, "3dnowext")
                .bit(31, "3dnow");
        // XOP and FMA4 are VEX-like encodings on YMM registers: they need AVX state.
        d.at(0x80000001, 0, ECX)
                .bit(0, "lahf_lm")
                .bit(1, "cmp_legacy")
                .bit(2, "svm")
                .bit(3, "extapic")
                .bit(4, "cr8_legacy")
                .bit(5, "abm")
                .bit(6, "sse4a")
                .bit(7, "misalignsse")
                .bit(8, "3dnowprefetch")
                .bit(9, "osvw")
                .bit(10, "ibs")
                .bit(11, "xop", "avx")
                .bit(12, "skinit")
                .bit(13, "wdt")
                .bit(15, "lwp")
                .bit(16, "fma4", "avx")
                .bit(17, "tce")
                .bit(19, "nodeid_msr")
                .bit(21, "tbm")
                .bit(22, "topoext")
                .bit(23, "perfctr_core")
                .bit(24, "perfctr_nb")
                .bit(26, "bpext")
                .bit(27, "ptsc")
                .bit(28, "perfctr_llc")
                .bit(29, "mwaitx");
        d.at(0x80000008, 0, EBX)
                .bit(0, "clzero")
                .bit(1, "irperf")
                .bit(2, "xsaveerptr")
                .bit(3, "invlpgb", "pcid")
                .bit(4, "rdpru")
                .bit(9, "wbnoinvd")
                .bit(12, "amd_ibpb")
                .bit(14, "amd_ibrs")
                .bit(15, "amd_stibp")
                .bit(17, "amd_stibp_always_on")
                .bit(23, "amd_ppin")
                .bit(24, "amd_ssbd")
                .bit(25, "virt_ssbd")
                .bit(26, "amd_ssb_no")
                .bit(27, "cppc")
                .bit(28, "amd_psfd")
                .bit(29, "btc_no")
                .bit(30, "amd_ibpb_ret")
                .bit(31, "brs");
    }

    private static void xcr0Relations(Draft d) {
        d.needsXcr0(Xcr0.AVX, "avx", "avx2", "fma", "f16c", "vaes", "vpclmulqdq", "avx_vnni", "avx_ifma",
                "sha512", "sm3", "sm4", "xop", "fma4");
        d.needsXcr0(Xcr0.AVX | Xcr0.AVX512, d.namesStartingWith("avx512").toArray(String[]::new));
        d.needsXcr0(Xcr0.AMX, "amx_tile", "amx_int8", "amx_bf16", "amx_fp16");
        d.needsXcr0(Xcr0.PKRU, "pku", "ospke");
        d.needsXcr0(Xcr0.MPX, "mpx");
        d.ownsXcr0("avx", Xcr0.AVX);
        d.ownsXcr0("avx512f", Xcr0.AVX512);
        d.ownsXcr0("mpx", Xcr0.MPX);
        d.ownsXcr0("pku", Xcr0.PKRU);
        d.ownsXcr0("amx_tile", Xcr0.AMX);
    }

    /**
     * The bits user code neither executes nor needs (see {@link FeatureKind#SYSTEM}). Everything
     * else is an instruction set, encoding or mode that a program may use once it sees the bit.
     */
    private static void systemFeatures(Draft d) {
        d.kind(FeatureKind.SYSTEM,
                // leaf 1 EDX
                "vme", "de", "pse", "msr", "pae", "mce", "apic", "mtrr", "pge", "mca", "pat", "pse36", "pn", "dts",
                "acpi", "ss", "ht", "tm", "ia64", "pbe",
                // leaf 1 ECX
                "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "cid", "sdbg", "xtpr", "pdcm", "pcid", "dca",
                "x2apic", "tsc_deadline_timer", "hypervisor",
                // leaf 7 subleaf 0 EBX
                "tsc_adjust", "sgx", "fdp_excptn_only", "smep", "erms", "invpcid", "cqm", "zero_fcs_fds", "rdt_a",
                "smap", "intel_pt",
                // leaf 7 subleaf 0 ECX
                "umip", "tme", "la57", "bus_lock_detect", "sgx_lc",
                // leaf 7 subleaf 0 EDX
                "fsrm", "srbds_ctrl", "md_clear", "rtm_always_abort", "tsx_force_abort", "hybrid_cpu", "pconfig",
                "arch_lbr", "spec_ctrl", "intel_stibp", "flush_l1d", "arch_capabilities", "core_capabilities",
                "spec_ctrl_ssbd",
                // leaf 7 subleaf 1 EAX
                "lass", "arch_perfmon_ext", "fzrm", "fsrs", "fsrc", "fred", "lkgs", "wrmsrns", "lam",
                // leaf 0xD subleaf 1 EAX: XSAVES and XFD are for the kernel's own state management
                "xsaves", "xfd",
                // leaf 0x80000001 EDX and ECX
                "mp", "nx", "fxsr_opt", "pdpe1gb",
                "cmp_legacy", "svm", "extapic", "cr8_legacy", "osvw", "ibs", "skinit", "wdt", "tce", "nodeid_msr",
                "topoext", "perfctr_core", "perfctr_nb", "bpext", "ptsc", "perfctr_llc",
                // leaf 0x80000008 EBX
                "irperf", "xsaveerptr", "invlpgb", "wbnoinvd", "amd_ibpb", "amd_ibrs", "amd_stibp",
                "amd_stibp_always_on", "amd_ppin", "amd_ssbd", "virt_ssbd", "amd_ssb_no", "cppc", "amd_psfd", "btc_no",
                "amd_ibpb_ret", "brs");
    }

    /** The catalogue while it is being written down; {@link #finish} checks it is coherent. */
    private static final class Draft {
        private static final class Spec {
            final String name;
            final int leaf;
            final int subleaf;
            final CpuidRegister register;
            final int bit;
            final List<String> requires;
            long needs;
            long owns;
            FeatureKind kind = FeatureKind.USER;

            Spec(String name, int leaf, int subleaf, CpuidRegister register, int bit, List<String> requires) {
                this.name = name;
                this.leaf = leaf;
                this.subleaf = subleaf;
                this.register = register;
                this.bit = bit;
                this.requires = requires;
            }
        }

        private final Map<String, Spec> specs = new LinkedHashMap<>();

        final class Register {
            private final int leaf;
            private final int subleaf;
            private final CpuidRegister register;

            Register(int leaf, int subleaf, CpuidRegister register) {
                this.leaf = leaf;
                this.subleaf = subleaf;
                this.register = register;
            }

            Register bit(int bit, String name, String... requires) {
                if (specs.putIfAbsent(name, new Spec(name, leaf, subleaf, register, bit, List.of(requires))) != null) {
                    throw new IllegalStateException("feature " + name + " is defined twice");
                }
                return this;
            }
        }

        Register at(int leaf, int subleaf, CpuidRegister register) {
            return new Register(leaf, subleaf, register);
        }

        List<String> namesStartingWith(String prefix) {
            return specs.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
        }

        void needsXcr0(long components, String... names) {
            for (String name : names) {
                spec(name).needs |= components;
            }
        }

        void ownsXcr0(String name, long components) {
            spec(name).owns |= components;
        }

        void kind(FeatureKind kind, String... names) {
            for (String name : names) {
                spec(name).kind = kind;
            }
        }

        List<CpuFeature> finish() {
            Map<String, String> locations = new HashMap<>();
            List<CpuFeature> features = new ArrayList<>();
            for (Spec s : specs.values()) {
                for (String required : s.requires) {
                    spec(required);
                }
                CpuFeature f = new CpuFeature(s.name, s.leaf, s.subleaf, s.register, s.bit, s.needs, s.owns,
                        Set.copyOf(s.requires), s.kind);
                String other = locations.put(f.location(), f.name());
                if (other != null) {
                    throw new IllegalStateException(f.name() + " and " + other + " share " + f.location());
                }
                features.add(f);
            }
            return List.copyOf(features);
        }

        private Spec spec(String name) {
            Spec s = specs.get(name);
            if (s == null) {
                throw new IllegalStateException("no feature named " + name);
            }
            return s;
        }
    }
}
