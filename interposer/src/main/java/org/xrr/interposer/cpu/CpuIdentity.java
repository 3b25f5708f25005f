package org.xrr.interposer.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.xrr.interposer.cpu.CpuidRegister.EAX;
import static org.xrr.interposer.cpu.CpuidRegister.EBX;
import static org.xrr.interposer.cpu.CpuidRegister.ECX;
import static org.xrr.interposer.cpu.CpuidRegister.EDX;

/** Decodes who a CPU says it is: vendor, brand string, family, model, stepping. */
final class CpuIdentity {
    private CpuIdentity() {
    }

    /** The vendor string of leaf 0, in CPUID's own register order EBX, EDX, ECX. */
    static String vendor(CpuidTable table) {
        return ascii(table.get(0, 0, EBX), table.get(0, 0, EDX), table.get(0, 0, ECX));
    }

    /** The brand string of leaves 0x80000002..4 without its padding; empty if the leaves are absent. */
    static String brand(CpuidTable table) {
        if (Integer.compareUnsigned(table.maxExtendedLeaf(), 0x80000004) < 0) {
            return "";
        }
        int[] words = new int[12];
        for (int i = 0; i < 3; i++) {
            for (CpuidRegister r : CpuidRegister.values()) {
                words[4 * i + r.index()] = table.get(0x80000002 + i, 0, r);
            }
        }
        String s = ascii(words);
        int nul = s.indexOf('\0');
        return (nul < 0 ? s : s.substring(0, nul)).strip();
    }

    /** Display family: the base family, plus the extended family when the base is 0xF. */
    static int family(CpuidTable table) {
        int signature = table.get(0x1, 0, EAX);
        int base = (signature >>> 8) & 0xF;
        return base == 0xF ? base + ((signature >>> 20) & 0xFF) : base;
    }

    /** Display model: the base model, with the extended model above it for families 6 and 0xF. */
    static int model(CpuidTable table) {
        int signature = table.get(0x1, 0, EAX);
        int base = (signature >>> 8) & 0xF;
        int model = (signature >>> 4) & 0xF;
        return base == 0x6 || base == 0xF ? model | ((signature >>> 16) & 0xF) << 4 : model;
    }

    static int stepping(CpuidTable table) {
        return table.get(0x1, 0, EAX) & 0xF;
    }

    private static String ascii(int... words) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            bytes.putInt(w);
        }
        return new String(bytes.array(), StandardCharsets.ISO_8859_1);
    }
}
