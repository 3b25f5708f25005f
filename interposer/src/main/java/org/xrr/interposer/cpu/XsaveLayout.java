package org.xrr.interposer.cpu;

import java.util.ArrayList;
import java.util.List;

import static org.xrr.interposer.cpu.CpuidRegister.EAX;
import static org.xrr.interposer.cpu.CpuidRegister.EBX;
import static org.xrr.interposer.cpu.CpuidRegister.ECX;

/**
 * Where XSAVE puts each state component of an XCR0 on a CPU, as its CPUID leaf 0xD says: the
 * layout a program sizes and reads its XSAVE images by. x87 and SSE live in the legacy region,
 * the same on every CPU, so only components 2 and up are listed.
 *
 * @param components the enabled components from 2 up, in bit order
 */
public record XsaveLayout(List<Component> components) {
    /**
     * One state component.
     *
     * @param index     its XCR0 bit
     * @param size      its size in bytes (subleaf EAX)
     * @param offset    its offset in the standard format (subleaf EBX)
     * @param aligned64 whether the compacted format aligns it to 64 bytes (subleaf ECX bit 1)
     */
    public record Component(int index, int size, int offset, boolean aligned64) {
        /** {@code AVX (2): 256 bytes at 0x240}, for messages. */
        public String describe() {
            return Xcr0.name(index) + " (" + index + "): " + size + " bytes at 0x" + Integer.toHexString(offset)
                    + (aligned64 ? ", 64-byte aligned when compacted" : "");
        }
    }

    private static final int ALIGNED_64 = 1 << 1;

    public XsaveLayout {
        components = List.copyOf(components);
    }

    /** The layout of the components of {@code xcr0} in {@code table}'s leaf 0xD. */
    public static XsaveLayout of(CpuidTable table, long xcr0) {
        List<Component> list = new ArrayList<>();
        for (int i = 2; i < 63; i++) {
            if ((xcr0 & (1L << i)) != 0) {
                list.add(new Component(i, table.get(XsaveLeaf.LEAF, i, EAX), table.get(XsaveLeaf.LEAF, i, EBX),
                        (table.get(XsaveLeaf.LEAF, i, ECX) & ALIGNED_64) != 0));
            }
        }
        return new XsaveLayout(list);
    }

    /** The layout a profile's XCR0 enables. */
    public static XsaveLayout of(CpuProfile profile) {
        return of(profile.table(), profile.xcr0());
    }

    /** Component {@code index}, or null when the layout does not hold it. */
    public Component component(int index) {
        for (Component c : components) {
            if (c.index() == index) {
                return c;
            }
        }
        return null;
    }

    /**
     * The components of {@code xcr0} whose images both tables can exchange: same size and
     * compacted alignment, so that a compacted image is the same on both and a standard one
     * differs only in where components sit, which {@link XsaveTranslation} moves.
     */
    public static long translatable(CpuidTable a, CpuidTable b, long xcr0) {
        XsaveLayout la = of(a, xcr0);
        XsaveLayout lb = of(b, xcr0);
        long same = xcr0 & Xcr0.LEGACY;
        for (Component c : la.components) {
            Component d = lb.component(c.index());
            if (d != null && c.size() == d.size() && c.aligned64() == d.aligned64()) {
                same |= 1L << c.index();
            }
        }
        return same;
    }
}
