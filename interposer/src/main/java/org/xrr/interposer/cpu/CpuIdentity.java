package org.xrr.interposer.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.xrr.interposer.cpu.CpuidRegister.EAX;
import static org.xrr.interposer.cpu.CpuidRegister.EBX;
import static org.xrr.interposer.cpu.CpuidRegister.ECX;
import static org.xrr.interposer.cpu.CpuidRegister.EDX;

/**
 * Who a CPU says it is: vendor, brand string, family, model, stepping. Decodes them from a table,
 * and encodes them as the register edits that make a table say something else.
 */
final class CpuIdentity {
    static final int VENDOR_LENGTH = 12;
    static final int BRAND_MAX_LENGTH = 47;
    private static final int BRAND_FIRST_LEAF = 0x80000002;
    private static final int BRAND_LAST_LEAF = 0x80000004;
    /** Leaf 1 EAX without its processor type (bits 12-13) and reserved bits (14-15, 28-31). */
    private static final int SIGNATURE_FIELDS = 0x0FFF0FFF;

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

    /** Leaf 0 as {@code vendor}: exactly 12 ASCII characters, as every vendor string is. */
    static List<RegisterEdit> vendorEdits(String vendor) {
        byte[] bytes = asciiBytes("vendor", vendor, VENDOR_LENGTH);
        if (bytes.length != VENDOR_LENGTH) {
            throw new IllegalArgumentException("vendor \"" + Shown.text(vendor) + "\" must be exactly " + VENDOR_LENGTH
                    + " characters, as GenuineIntel and AuthenticAMD are");
        }
        ByteBuffer words = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return List.of(new RegisterEdit(0, 0, EBX, RegisterEdit.Op.SET, words.getInt(0)),
                new RegisterEdit(0, 0, EDX, RegisterEdit.Op.SET, words.getInt(4)),
                new RegisterEdit(0, 0, ECX, RegisterEdit.Op.SET, words.getInt(8)));
    }

    /**
     * Leaf 1 EAX saying this family, model and stepping, with the extended fields where the
     * encoding needs them: family above 0xF goes to the extended family, and for families 6 and
     * 0xF the model's high nibble goes to the extended model. The processor type bits stay.
     */
    static List<RegisterEdit> signatureEdits(int family, int model, int stepping) {
        if (family < 0 || family > 0xF + 0xFF) {
            throw new IllegalArgumentException("family " + family + " is out of range: 0 to " + (0xF + 0xFF));
        }
        int baseFamily = Math.min(family, 0xF);
        boolean extendedModel = baseFamily == 0x6 || baseFamily == 0xF;
        int maxModel = extendedModel ? 0xFF : 0xF;
        if (model < 0 || model > maxModel) {
            throw new IllegalArgumentException("model " + model + " is out of range for family " + family
                    + ": 0 to " + maxModel);
        }
        if (stepping < 0 || stepping > 0xF) {
            throw new IllegalArgumentException("stepping " + stepping + " is out of range: 0 to 15");
        }
        int signature = stepping | (model & 0xF) << 4 | baseFamily << 8 | (model >>> 4) << 16
                | (family - baseFamily) << 20;
        return List.of(new RegisterEdit(0x1, 0, EAX, RegisterEdit.Op.CLEAR_BITS, SIGNATURE_FIELDS),
                new RegisterEdit(0x1, 0, EAX, RegisterEdit.Op.SET_BITS, signature));
    }

    /** Leaves 0x80000002..4 as {@code brand}, NUL-padded, with the extended leaves reaching them. */
    static List<RegisterEdit> brandEdits(String brand, int maxExtendedLeaf) {
        byte[] bytes = asciiBytes("brand", brand, BRAND_MAX_LENGTH);
        ByteBuffer words = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN).put(bytes);
        List<RegisterEdit> edits = new ArrayList<>();
        if (Integer.compareUnsigned(maxExtendedLeaf, BRAND_LAST_LEAF) < 0) {
            edits.add(new RegisterEdit(0x80000000, 0, EAX, RegisterEdit.Op.SET, BRAND_LAST_LEAF));
        }
        for (int leaf = BRAND_FIRST_LEAF; leaf <= BRAND_LAST_LEAF; leaf++) {
            for (CpuidRegister r : CpuidRegister.values()) {
                int word = words.getInt(16 * (leaf - BRAND_FIRST_LEAF) + 4 * r.index());
                edits.add(new RegisterEdit(leaf, 0, r, RegisterEdit.Op.SET, word));
            }
        }
        return edits;
    }

    private static byte[] asciiBytes(String what, String text, int maxLength) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(what + " \"" + Shown.text(text) + "\" has a character that is not printable ASCII at "
                        + i + "; CPUID strings are ASCII");
            }
        }
        if (text.length() > maxLength) {
            throw new IllegalArgumentException(what + " \"" + Shown.text(text) + "\" is " + text.length()
                    + " characters; CPUID has room for " + maxLength);
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(int... words) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            bytes.putInt(w);
        }
        return new String(bytes.array(), StandardCharsets.ISO_8859_1);
    }
}
