package org.xrr.interposer.cpu;

import java.util.regex.Pattern;

import static org.xrr.interposer.cpu.CpuidRegister.EAX;
import static org.xrr.interposer.cpu.CpuidRegister.EBX;
import static org.xrr.interposer.cpu.CpuidRegister.ECX;
import static org.xrr.interposer.cpu.CpuidRegister.EDX;

/**
 * CPUID bits to clear, in the terms of rr's record options, so that rr users can bring the
 * masks they already have and take xrr's to rr:
 * {@code --disable-cpuid-features C,D} (leaf 1 ECX, EDX),
 * {@code --disable-cpuid-features-ext B,C,D} (leaf 7 subleaf 0 EBX, ECX, EDX) and
 * {@code --disable-cpuid-features-xsave A} (leaf 0xD subleaf 1 EAX).
 * Every value is a mask of bits to clear.
 */
public record RrFeatureMasks(int featuresEcx, int featuresEdx, int extendedEbx, int extendedEcx, int extendedEdx,
                             int xsaveEax) {
    public static final RrFeatureMasks NONE = new RrFeatureMasks(0, 0, 0, 0, 0, 0);

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");

    /**
     * What {@code rr cpufeatures} prints on this host: every bit of the six registers the host
     * does not set, so that a recording elsewhere uses nothing this host lacks.
     */
    public static RrFeatureMasks forHost(CpuModel host) {
        CpuidTable t = host.table();
        return new RrFeatureMasks(~t.get(0x1, 0, ECX), ~t.get(0x1, 0, EDX),
                ~t.get(0x7, 0, EBX), ~t.get(0x7, 0, ECX), ~t.get(0x7, 0, EDX), ~t.get(0xD, 1, EAX));
    }

    /** The bits {@code host} sets and {@code target} does not: clearing them leaves the intersection. */
    public static RrFeatureMasks beyond(CpuidTable host, CpuidTable target) {
        return new RrFeatureMasks(
                beyond(host, target, 0x1, 0, ECX), beyond(host, target, 0x1, 0, EDX),
                beyond(host, target, 0x7, 0, EBX), beyond(host, target, 0x7, 0, ECX), beyond(host, target, 0x7, 0, EDX),
                beyond(host, target, 0xD, 1, EAX));
    }

    /** Both sets of bits to clear. */
    public RrFeatureMasks or(RrFeatureMasks other) {
        return new RrFeatureMasks(featuresEcx | other.featuresEcx, featuresEdx | other.featuresEdx,
                extendedEbx | other.extendedEbx, extendedEcx | other.extendedEcx, extendedEdx | other.extendedEdx,
                xsaveEax | other.xsaveEax);
    }

    /**
     * These masks with the value of {@code --disable-cpuid-features} applied: "C" or "C,D". As in
     * rr, a value left out keeps its current mask.
     */
    public RrFeatureMasks withDisableCpuidFeatures(String value) {
        int[] v = parse("--disable-cpuid-features", value, 2);
        return new RrFeatureMasks(v[0], v.length > 1 ? v[1] : featuresEdx, extendedEbx, extendedEcx, extendedEdx, xsaveEax);
    }

    /** These masks with the value of {@code --disable-cpuid-features-ext} applied: "B", "B,C" or "B,C,D". */
    public RrFeatureMasks withDisableCpuidFeaturesExt(String value) {
        int[] v = parse("--disable-cpuid-features-ext", value, 3);
        return new RrFeatureMasks(featuresEcx, featuresEdx, v[0], v.length > 1 ? v[1] : extendedEcx,
                v.length > 2 ? v[2] : extendedEdx, xsaveEax);
    }

    /** These masks with the value of {@code --disable-cpuid-features-xsave} applied: "A". */
    public RrFeatureMasks withDisableCpuidFeaturesXsave(String value) {
        int[] v = parse("--disable-cpuid-features-xsave", value, 1);
        return new RrFeatureMasks(featuresEcx, featuresEdx, extendedEbx, extendedEcx, extendedEdx, v[0]);
    }

    /** The three rr record options, exactly as {@code rr cpufeatures} prints them. */
    public String toOptions() {
        return String.format("--disable-cpuid-features 0x%x,0x%x --disable-cpuid-features-ext 0x%x,0x%x,0x%x "
                        + "--disable-cpuid-features-xsave 0x%x",
                featuresEcx, featuresEdx, extendedEbx, extendedEcx, extendedEdx, xsaveEax);
    }

    private static int beyond(CpuidTable host, CpuidTable target, int leaf, int subleaf, CpuidRegister r) {
        return host.get(leaf, subleaf, r) & ~target.get(leaf, subleaf, r);
    }

    /**
     * One to {@code max} comma-separated 32-bit values, each decimal or 0x-hex. Decimal with a
     * leading zero is refused: rr reads it as octal, and silently agreeing or disagreeing with
     * that would both surprise someone.
     */
    private static int[] parse(String option, String value, int max) {
        String expected = max == 1 ? "one value" : "1 to " + max + " comma-separated values";
        String[] items = value.split(",", -1);
        if (items.length > max) {
            throw new IllegalArgumentException(option + ": expected " + expected + " (decimal or 0x-hex), got "
                    + items.length + " in \"" + value + "\"");
        }
        int[] values = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException(option + ": empty value in \"" + value + "\"; expected " + expected);
            }
            long parsed;
            if (HEX.matcher(item).matches()) {
                String digits = item.substring(2).replaceFirst("^0+(?=.)", "");
                parsed = digits.length() > 8 ? -1 : Long.parseLong(digits, 16);
            } else if (DECIMAL.matcher(item).matches()) {
                parsed = item.length() > 10 ? -1 : Long.parseLong(item);
            } else {
                throw new IllegalArgumentException(option + ": \"" + item + "\" is not a decimal or 0x-hex number"
                        + (item.matches("0[0-9]+") ? " (with a leading zero rr would read it as octal)" : ""));
            }
            if (parsed < 0 || parsed > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException(option + ": \"" + item + "\" does not fit in 32 bits");
            }
            values[i] = (int) parsed;
        }
        return values;
    }
}
