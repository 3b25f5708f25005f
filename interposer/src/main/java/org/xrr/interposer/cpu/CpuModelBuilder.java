package org.xrr.interposer.cpu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.xrr.interposer.cpu.CpuidRegister.EAX;
import static org.xrr.interposer.cpu.CpuidRegister.EBX;
import static org.xrr.interposer.cpu.CpuidRegister.ECX;
import static org.xrr.interposer.cpu.CpuidRegister.EDX;

/**
 * Makes a {@link CpuModel} from the host CPU and what the user asks for: features to hide, rr
 * masks, a smaller XCR0, or a whole other CPU. {@link #build()} then makes the result consistent,
 * because programs cross-check what they read:
 * <ul>
 * <li>hiding a feature hides everything that requires it ({@link FeatureCatalogue#maskedWith});</li>
 * <li>hiding a feature drops the XCR0 components that exist for it (AVX-512 takes opmask,
 *     ZMM_Hi256 and Hi16_ZMM), and dropping a component the host has enabled hides every
 *     feature that needs it;</li>
 * <li>OSXSAVE is shown only with XSAVE, OSPKE only with PKU and PKRU in XCR0; with XSAVE or
 *     OSXSAVE hidden, XGETBV raises #UD and leaf 0xD reads as zeros;</li>
 * <li>leaf 0xD describes exactly the model XCR0, with the host's XSAVE layout.</li>
 * </ul>
 * The result never shows a feature the host does not have: the program runs on the host.
 */
public final class CpuModelBuilder {
    private static final CpuFeature XSAVE = FeatureCatalogue.named("xsave");
    private static final CpuFeature OSXSAVE = FeatureCatalogue.named("osxsave");
    private static final CpuFeature OSPKE = FeatureCatalogue.named("ospke");
    private static final CpuFeature AVX512F = FeatureCatalogue.named("avx512f");

    private final CpuidTable host;
    private final long hostXcr0;
    private final Set<CpuFeature> masked = new LinkedHashSet<>();
    private final List<CpuProfile> intersected = new ArrayList<>();
    private final List<RegisterEdit> edits = new ArrayList<>();
    private RrFeatureMasks rrMasks = RrFeatureMasks.NONE;
    private long xcr0Limit = -1L;
    private CpuProfile profile;
    private boolean force;
    private boolean brandEdited;

    /** Starts from the host's own CPUID table and the XCR0 its OS enabled. */
    public CpuModelBuilder(CpuidTable host, long hostXcr0) {
        this.host = Objects.requireNonNull(host);
        this.hostXcr0 = hostXcr0;
    }

    /** Hides these features and everything that requires them. */
    public CpuModelBuilder mask(CpuFeature... features) {
        masked.addAll(List.of(features));
        return this;
    }

    /** Hides the features with these names; an unknown name fails with the nearest names. */
    public CpuModelBuilder mask(String... names) {
        return maskNames(List.of(names));
    }

    /** Hides the features with these names; an unknown name fails with the nearest names. */
    public CpuModelBuilder maskNames(Collection<String> names) {
        for (String name : names) {
            masked.add(FeatureCatalogue.named(name));
        }
        return this;
    }

    /**
     * Clears raw bits as rr's record options do. Every catalogue feature whose bit is cleared
     * counts as masked, so what requires it goes too.
     */
    public CpuModelBuilder disable(RrFeatureMasks masks) {
        rrMasks = rrMasks.or(masks);
        return this;
    }

    /** rr's {@code --disable-cpuid-features ECX,EDX}: bits to clear in leaf 1. */
    public CpuModelBuilder disableCpuidFeatures(int ecx, int edx) {
        return disable(new RrFeatureMasks(ecx, edx, 0, 0, 0, 0));
    }

    /** rr's {@code --disable-cpuid-features-ext EBX,ECX,EDX}: bits to clear in leaf 7 subleaf 0. */
    public CpuModelBuilder disableCpuidFeaturesExt(int ebx, int ecx, int edx) {
        return disable(new RrFeatureMasks(0, 0, ebx, ecx, edx, 0));
    }

    /** rr's {@code --disable-cpuid-features-xsave EAX}: bits to clear in leaf 0xD subleaf 1. */
    public CpuModelBuilder disableCpuidFeaturesXsave(int eax) {
        return disable(new RrFeatureMasks(0, 0, 0, 0, 0, eax));
    }

    /**
     * rr's {@code --disable-avx-512}, as hiding avx512f: that hides every AVX-512 feature the
     * catalogue knows, where rr clears a fixed list of bits.
     */
    public CpuModelBuilder disableAvx512() {
        return mask(AVX512F);
    }

    /**
     * Limits XCR0 to {@code value}, which must keep x87 and SSE, be a subset of the host XCR0
     * and be a value XSETBV accepts. Features that need a dropped component are hidden. Several
     * limits (an option and a policy, say) all apply.
     */
    public CpuModelBuilder xcr0(long value) {
        if ((value & Xcr0.LEGACY) != Xcr0.LEGACY) {
            throw new IllegalArgumentException("XCR0 " + Xcr0.describe(value) + " must keep x87 and SSE (bits 0 and 1)");
        }
        long extra = value & ~hostXcr0;
        if (extra != 0) {
            throw new IllegalArgumentException("XCR0 " + Xcr0.describe(value) + " is not a subset of the host XCR0 "
                    + Xcr0.describe(hostXcr0) + ": this host does not enable " + Xcr0.describe(extra));
        }
        String problem = Xcr0.problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("XCR0 " + Xcr0.describe(value) + " is not a value XSETBV accepts: " + problem);
        }
        xcr0Limit &= value;
        return this;
    }

    /**
     * Keeps only what both this CPU and {@code other} have: every feature {@code other} lacks is
     * hidden, with what requires it, and XCR0 is limited to {@code other}'s. Unlike
     * {@link #present}, the identity stays this CPU's and nothing is ever refused.
     */
    public CpuModelBuilder intersect(CpuProfile other) {
        intersected.add(Objects.requireNonNull(other));
        return this;
    }

    /**
     * Presents what a trace replayable on {@code target} may show: the {@link #intersect
     * intersection} with it, and an XCR0 without the components whose XSAVE images cannot be
     * translated between this CPU and {@code target} (another size or compacted alignment),
     * with the features that need them. Components at other offsets stay: replay translates
     * them (AVX-512 sits 0x100 bytes lower on AMD than on Intel).
     */
    public CpuModelBuilder target(CpuProfile target) {
        intersect(target);
        long shared = hostXcr0 & target.xcr0();
        if ((shared & Xcr0.LEGACY) == Xcr0.LEGACY) {
            xcr0Limit &= Xcr0.largestValidWithin(XsaveLayout.translatable(host, target.table(), shared));
        }
        return this;
    }

    /**
     * Changes one register of the table, after any presented profile. A feature bit the host
     * lacks is refused by {@link #build()} unless {@link #force} is set; leaf 0xD is always
     * rewritten from the model XCR0, so edits to it do not survive.
     */
    public CpuModelBuilder edit(RegisterEdit edit) {
        edits.add(Objects.requireNonNull(edit));
        return this;
    }

    /** Presents this vendor string in leaf 0: exactly 12 ASCII characters. */
    public CpuModelBuilder vendor(String vendor) {
        edits.addAll(CpuIdentity.vendorEdits(vendor));
        return this;
    }

    /** Presents this display family, model and stepping in leaf 1 EAX. */
    public CpuModelBuilder signature(int family, int model, int stepping) {
        edits.addAll(CpuIdentity.signatureEdits(family, model, stepping));
        return this;
    }

    /** Presents this brand string in leaves 0x80000002..4: at most 47 ASCII characters. */
    public CpuModelBuilder brand(String brand) {
        edits.addAll(CpuIdentity.brandEdits(brand, 0x80000004));
        brandEdited = true;
        return this;
    }

    /**
     * Presents another CPU: its vendor, signature, brand string and descriptive leaves, its
     * features limited to the host's, and XCR0 = profile XCR0 & host XCR0. A profile with
     * features the host lacks is refused by {@link #build()} unless {@link #force} is set.
     */
    public CpuModelBuilder present(CpuProfile profile) {
        this.profile = Objects.requireNonNull(profile);
        return this;
    }

    /**
     * Presents a profile even when the host lacks some of its features. Those features are
     * still hidden, not shown: a program must never be told it may execute what the host
     * cannot, so forcing only turns the refusal into a smaller CPU.
     */
    public CpuModelBuilder force(boolean force) {
        this.force = force;
        return this;
    }

    public CpuModel build() {
        CpuidTable.Builder table;
        long xcr0Base = hostXcr0 & xcr0Limit;
        if (profile == null) {
            table = host.toBuilder();
        } else {
            List<CpuFeature> missing = ProfileOverlay.missingOnHost(profile, host);
            if (!missing.isEmpty() && !force) {
                throw new ProfileExceedsHostException(profile, missing);
            }
            table = ProfileOverlay.overlay(profile, host);
            xcr0Base &= profile.xcr0();
        }
        applyEdits(table);
        for (CpuProfile other : intersected) {
            xcr0Base &= other.xcr0();
        }

        Settled settled = settle(initiallyHidden(table.build()), xcr0Base);
        for (CpuFeature f : settled.hidden()) {
            table.clearBits(f.leaf(), f.subleaf(), f.register(), f.mask());
        }
        clearRrBits(table);
        if ((settled.xcr0() & Xcr0.PKRU) == 0) {
            table.clearBits(OSPKE.leaf(), OSPKE.subleaf(), OSPKE.register(), OSPKE.mask());
        }
        int leaf1Edx = table.get(0x1, 0, EDX);
        table.clearBits(0x80000001, 0, EDX, FeatureCatalogue.AMD_MIRRORED_LEAF1_EDX & ~leaf1Edx);
        XsaveLeaf.rewrite(table, host, hostXcr0, settled.xcr0(), settled.xsaveEnabled());
        dropLeavesBeyondMaximum(table);
        return new CpuModel(table.build(), settled.xcr0());
    }

    /**
     * Applies the register edits, then refuses features they turned on that the host lacks, or
     * with force, clears them: the program runs on the host and must never be told otherwise.
     */
    private void applyEdits(CpuidTable.Builder table) {
        if (brandEdited && Integer.compareUnsigned(table.get(0x80000000, 0, EAX), 0x80000004) < 0) {
            table.set(0x80000000, 0, EAX, 0x80000004);
        }
        Set<CpuFeature> before = FeatureCatalogue.presentIn(table.build());
        for (RegisterEdit e : edits) {
            e.applyTo(table);
        }
        Set<CpuFeature> onHost = FeatureCatalogue.presentIn(host);
        List<CpuFeature> beyondHost = FeatureCatalogue.presentIn(table.build()).stream()
                .filter(f -> f.kind() == FeatureKind.USER && !before.contains(f) && !onHost.contains(f))
                .toList();
        if (beyondHost.isEmpty()) {
            return;
        }
        if (!force) {
            throw new EditsExceedHostException(beyondHost);
        }
        for (CpuFeature f : beyondHost) {
            table.clearBits(f.leaf(), f.subleaf(), f.register(), f.mask());
        }
    }

    /** The hidden features and the XCR0 once each has accounted for the other. */
    private record Settled(Set<CpuFeature> hidden, long xcr0, boolean xsaveEnabled) {
    }

    /**
     * Hidden features drop the XCR0 components they own; dropped components hide the features
     * that need them; XSAVE use off drops everything but x87/SSE and leaf 0xD with its features.
     * Repeats until nothing changes, which it must: each round only adds to what is hidden.
     */
    private Settled settle(Set<CpuFeature> hidden, long xcr0Base) {
        while (true) {
            boolean enabled = xsaveEnabled(hidden);
            long xcr0 = enabled ? xcr0Base & ~owned(hidden) : Xcr0.LEGACY;
            List<CpuFeature> more = new ArrayList<>(starved(hidden, xcr0));
            if (!enabled) {
                more.addAll(FeatureCatalogue.at(XsaveLeaf.LEAF, 1, EAX, -1));
                more.removeAll(hidden);
            }
            if (more.isEmpty()) {
                return new Settled(hidden, xcr0, enabled);
            }
            hidden = union(hidden, more);
        }
    }

    /**
     * Everything to hide before XCR0 is considered: the masks, the features at bits the rr
     * masks clear, and the features the table lacks (absent on the host or in the profile),
     * each with what requires it.
     */
    private Set<CpuFeature> initiallyHidden(CpuidTable start) {
        List<CpuFeature> roots = new ArrayList<>(masked);
        for (CpuProfile other : intersected) {
            Set<CpuFeature> theirs = FeatureCatalogue.presentIn(other.table());
            FeatureCatalogue.all().stream().filter(f -> !theirs.contains(f)).forEach(roots::add);
        }
        roots.addAll(FeatureCatalogue.at(0x1, 0, ECX, rrMasks.featuresEcx()));
        roots.addAll(FeatureCatalogue.at(0x1, 0, EDX, rrMasks.featuresEdx()));
        roots.addAll(FeatureCatalogue.at(0x7, 0, EBX, rrMasks.extendedEbx()));
        roots.addAll(FeatureCatalogue.at(0x7, 0, ECX, rrMasks.extendedEcx()));
        roots.addAll(FeatureCatalogue.at(0x7, 0, EDX, rrMasks.extendedEdx()));
        roots.addAll(FeatureCatalogue.at(0xD, 1, EAX, rrMasks.xsaveEax()));
        for (CpuFeature f : FeatureCatalogue.all()) {
            if (!f.isSetIn(start)) {
                roots.add(f);
            }
        }
        return FeatureCatalogue.maskedWith(roots);
    }

    private static boolean xsaveEnabled(Set<CpuFeature> hidden) {
        return !hidden.contains(XSAVE) && !hidden.contains(OSXSAVE);
    }

    private static long owned(Set<CpuFeature> hidden) {
        long owned = 0;
        for (CpuFeature f : hidden) {
            owned |= f.xcr0Owns();
        }
        return owned;
    }

    /**
     * Visible features that need a component the host enables and the model does not. A
     * component the host itself never enabled starves nothing: on the host, too, the program
     * sees the CPUID bit and must check XCR0.
     */
    private List<CpuFeature> starved(Set<CpuFeature> hidden, long xcr0) {
        long dropped = hostXcr0 & ~xcr0;
        return FeatureCatalogue.all().stream()
                .filter(f -> !hidden.contains(f) && (f.xcr0Needs() & dropped) != 0)
                .toList();
    }

    private static Set<CpuFeature> union(Set<CpuFeature> hidden, List<CpuFeature> more) {
        List<CpuFeature> all = new ArrayList<>(hidden);
        all.addAll(more);
        return FeatureCatalogue.maskedWith(all);
    }

    private void clearRrBits(CpuidTable.Builder table) {
        table.clearBits(0x1, 0, ECX, rrMasks.featuresEcx());
        table.clearBits(0x1, 0, EDX, rrMasks.featuresEdx());
        table.clearBits(0x7, 0, EBX, rrMasks.extendedEbx());
        table.clearBits(0x7, 0, ECX, rrMasks.extendedEcx());
        table.clearBits(0x7, 0, EDX, rrMasks.extendedEdx());
        table.clearBits(0xD, 1, EAX, rrMasks.xsaveEax());
    }

    /** CPUID answers zeros beyond the highest basic and extended leaf; keep the table to what it answers. */
    private static void dropLeavesBeyondMaximum(CpuidTable.Builder table) {
        int maxBasic = table.get(0x0, 0, EAX);
        int maxExtended = table.get(0x80000000, 0, EAX);
        table.retain(e -> {
            int leaf = e.leaf();
            if (Integer.compareUnsigned(leaf, 0x40000000) < 0) {
                return Integer.compareUnsigned(leaf, maxBasic) <= 0;
            }
            if (Integer.compareUnsigned(leaf, 0x80000000) >= 0 && Integer.compareUnsigned(leaf, 0x90000000) < 0) {
                return leaf == 0x80000000 || Integer.compareUnsigned(leaf, maxExtended) <= 0;
            }
            return true;
        });
    }
}
