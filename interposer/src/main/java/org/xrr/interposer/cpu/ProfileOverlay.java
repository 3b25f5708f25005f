package org.xrr.interposer.cpu;

import java.util.List;

import static org.xrr.interposer.cpu.CpuidRegister.EAX;
import static org.xrr.interposer.cpu.CpuidRegister.EBX;
import static org.xrr.interposer.cpu.CpuidRegister.ECX;
import static org.xrr.interposer.cpu.CpuidRegister.EDX;

/**
 * Another CPU as this host can present it: the profile's identity and descriptive leaves
 * (vendor, signature, brand string, caches, topology), with every feature bitmap limited to the
 * bits the host also sets, and the OS-set bits taken from the host, whose OS is the one running.
 */
final class ProfileOverlay {
    private ProfileOverlay() {
    }

    /**
     * The profile's features for user code that the host lacks, by name: what presenting it would
     * have to hide. System facilities (VMX, thermal monitoring, mitigation bits) are limited to
     * the host silently, as no program executes them; counting them would refuse every Intel
     * profile on an AMD host.
     */
    static List<CpuFeature> missingOnHost(CpuProfile profile, CpuidTable host) {
        return FeatureCatalogue.userFeaturesMissing(profile.table(), host);
    }

    static CpuidTable.Builder overlay(CpuProfile profile, CpuidTable host) {
        CpuidTable.Builder table = profile.table().toBuilder();
        for (CpuidTable.Entry e : profile.table()) {
            for (CpuidRegister r : CpuidRegister.values()) {
                if (isFeatureBitmap(e.leaf(), e.subleaf(), r)) {
                    table.set(e.leaf(), e.subleaf(), r, e.get(r) & hostBits(host, e.leaf(), e.subleaf(), r));
                }
            }
        }
        for (CpuFeature f : FeatureCatalogue.all()) {
            if (f.kind() == FeatureKind.OS_STATE && table.contains(f.leaf(), f.subleaf())) {
                int others = table.get(f.leaf(), f.subleaf(), f.register()) & ~f.mask();
                int hostBit = host.get(f.leaf(), f.subleaf(), f.register()) & f.mask();
                table.set(f.leaf(), f.subleaf(), f.register(), others | hostBit);
            }
        }
        return table;
    }

    /**
     * The host bits a profile bit must also find set. AMD's copies of leaf 1 EDX bits in
     * 0x80000001 EDX are limited by the host's leaf 1 EDX, where every vendor sets them.
     */
    private static int hostBits(CpuidTable host, int leaf, int subleaf, CpuidRegister r) {
        int bits = host.get(leaf, subleaf, r);
        if (leaf == 0x80000001 && r == EDX) {
            int mirrored = FeatureCatalogue.AMD_MIRRORED_LEAF1_EDX;
            bits = (bits & ~mirrored) | (host.get(0x1, 0, EDX) & mirrored);
        }
        return bits;
    }

    private static boolean isFeatureBitmap(int leaf, int subleaf, CpuidRegister r) {
        return switch (leaf) {
            case 0x1, 0x80000001 -> r == ECX || r == EDX;
            // Subleaf 0 EAX is the highest subleaf, not a bitmap; every other register is.
            case 0x7 -> r != EAX || subleaf >= 1;
            case 0xD -> subleaf == 1 && r == EAX;
            case 0x80000008 -> r == EBX;
            default -> false;
        };
    }
}
