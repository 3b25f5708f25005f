package org.xrr.interposer.portability;

import org.xrr.interposer.cpu.CpuFeature;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.FeatureCatalogue;
import org.xrr.interposer.cpu.Xcr0;
import org.xrr.interposer.cpu.XsaveLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether a machine can present the CPU model a recording presented, so that the replay behaves
 * as the recording did. Replay answers CPUID and XGETBV from the recorded model whatever the
 * machine, so identity and informative bits never matter; what does is what runs on the
 * hardware itself:
 * <ul>
 * <li>every XCR0 component the recording enabled must be enabled here, or XSAVE and the
 *     instructions that use the component fault;</li>
 * <li>each such component must have the same size and compacted alignment here: the program
 *     sized and reads its XSAVE images by the recorded leaf 0xD, and the compacted images
 *     XSAVEC writes depend on those alone. A component at another standard-format offset is
 *     no obstacle: replay then translates XSAVE, XSAVEOPT and XRSTOR (see
 *     {@link org.xrr.interposer.cpu.XsaveTranslation});</li>
 * <li>every instruction set the program was shown must exist here, as it may have used it.</li>
 * </ul>
 * A pure function of the recorded presented model and the machine's profile.
 */
public final class PortabilityCheck {
    private PortabilityCheck() {
    }

    /** The differences that keep {@code host} from presenting {@code presented}; empty when it can. */
    public static List<Difference> differences(CpuProfile presented, CpuProfile host) {
        List<Difference> found = new ArrayList<>();
        long missing = presented.xcr0() & ~host.xcr0();
        if (missing != 0) {
            found.add(new Difference(Difference.Kind.XCR0, "XCR0: the recording enabled " + Xcr0.describe(presented.xcr0())
                    + ", this host enables " + Xcr0.describe(host.xcr0()) + ", without " + Xcr0.describe(missing)));
        }
        XsaveLayout recorded = XsaveLayout.of(presented);
        XsaveLayout here = XsaveLayout.of(host);
        for (XsaveLayout.Component c : recorded.components()) {
            XsaveLayout.Component h = here.component(c.index());
            if (h != null && (h.size() != c.size() || h.aligned64() != c.aligned64())) {
                found.add(new Difference(Difference.Kind.XSAVE_LAYOUT, "XSAVE layout of " + c.describe() + " in the recording, "
                        + h.size() + " bytes" + (h.aligned64() ? ", 64-byte aligned when compacted," : "")
                        + " here: a component of another size or alignment cannot be translated"));
            }
        }
        List<CpuFeature> lacking = FeatureCatalogue.userFeaturesMissing(presented.table(), host.table());
        if (!lacking.isEmpty()) {
            found.add(new Difference(Difference.Kind.INSTRUCTION_SET, "instruction sets the program was shown and this host lacks: "
                    + lacking.stream().map(CpuFeature::name).collect(Collectors.joining(","))));
        }
        return List.copyOf(found);
    }

    /**
     * The refusal for {@code differences}: each of them, then how to record a trace this host
     * can replay, with its profile {@code hostProfile}, which {@code howToGetIt} says how to
     * make (empty when it exists).
     */
    public static String refusal(List<Difference> differences, String hostProfile, String howToGetIt) {
        return "cannot replay: this host cannot present the CPU the recording presented: "
                + differences.stream().map(Difference::message).collect(Collectors.joining("; "))
                + ". Record for this host with 'xrr record --target-profile " + hostProfile + " ...'"
                + (howToGetIt.isEmpty() ? "" : ", " + howToGetIt);
    }
}
