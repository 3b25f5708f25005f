package org.xrr.interposer.cpu;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Translation between the standard XSAVE layouts of the shared profiles. */
class XsaveTranslationTest {
    private static final long XCR0 = 0xe7;
    private final CpuidTable zen4 = Profiles.load(Profiles.ZEN4).table();
    private final CpuidTable skylake = Profiles.load(Profiles.SKYLAKE).table();

    @Test
    void onlyLayoutsThatMoveAComponentNeedTranslating() {
        assertNull(XsaveTranslation.between(skylake, XCR0, Profiles.load(Profiles.ICE_LAKE).table()));
        assertNull(XsaveTranslation.between(zen4, 0x7, skylake), "AVX is at 0x240 everywhere");
        assertEquals(0x980, XsaveTranslation.between(zen4, XCR0, skylake).modelSize());
        assertEquals(0xa80, XsaveTranslation.between(skylake, XCR0, zen4).modelSize());
        XsaveTranslation t = XsaveTranslation.between(zen4, XCR0, skylake);
        assertEquals(576, t.extent(Xcr0.LEGACY), "the legacy region and header");
        assertEquals(0x340, t.extent(0x7));
        assertEquals(0x380, t.extent(0x7 | Xcr0.OPMASK));
    }

    @Test
    void aComponentOfAnotherSizeCannotBeTranslated() {
        CpuidTable bigger = skylake.toBuilder().put(0xd, 5, 128, 0x340, 0, 0).build();
        assertThrows(IllegalArgumentException.class, () -> XsaveTranslation.between(zen4, XCR0, bigger));
    }

    /** A Zen 4 recording replayed on Skylake: XSAVE writes the AVX-512 state where Zen 4 has it. */
    @Test
    void saveMovesEachRequestedComponentToTheModelsOffset() {
        XsaveTranslation t = XsaveTranslation.between(zen4, XCR0, skylake);
        byte[] state = hostState();
        byte[] image = new byte[t.modelSize()];
        Arrays.fill(image, (byte) 0x55);
        t.save(state, XCR0, image);
        assertRange(image, 0x240, 256, (byte) 2);
        assertRange(image, 0x340, 64, (byte) 5);
        assertRange(image, 0x380, 512, (byte) 6);
        assertRange(image, 0x580, 1024, (byte) 7);
        assertRange(image, 160, 256, (byte) 1);
        assertEquals(0x5555_5555_5555_5555L & ~XCR0 | XCR0, longAt(image, XsaveTranslation.XSTATE_BV), "bits beyond RFBM stay");

        byte[] onlyAvx = new byte[t.modelSize()];
        Arrays.fill(onlyAvx, (byte) 0x55);
        t.save(state, Xcr0.AVX, onlyAvx);
        assertRange(onlyAvx, 0x340, 0x980 - 0x340, (byte) 0x55);
        assertRange(onlyAvx, 160, 256, (byte) 0x55);
        assertEquals(0x5555_5555_5555_5555L & ~Xcr0.AVX | Xcr0.AVX, longAt(onlyAvx, XsaveTranslation.XSTATE_BV),
                "only the requested bits of XSTATE_BV change");
    }

    @Test
    void restoreIsTheInverseOfSaveAndInitialisesWhatTheImageMarksUnused() {
        XsaveTranslation t = XsaveTranslation.between(zen4, XCR0, skylake);
        byte[] state = hostState();
        byte[] image = new byte[t.modelSize()];
        t.save(state, XCR0, image);
        byte[] restored = new byte[state.length];
        t.restore(image, XCR0, restored);
        assertArrayEquals(Arrays.copyOf(state, 0xa80), Arrays.copyOf(restored, 0xa80));

        putLong(image, XsaveTranslation.XSTATE_BV, XCR0 & ~Xcr0.OPMASK);
        t.restore(image, XCR0, restored);
        assertRange(restored, 0x440, 64, (byte) 0);
        assertRange(restored, 0x480, 512, (byte) 6);
        assertEquals(XCR0 & ~Xcr0.OPMASK, longAt(restored, XsaveTranslation.XSTATE_BV));
        assertTrue(!XsaveTranslation.isCompacted(image));
        putLong(image, XsaveTranslation.XCOMP_BV, Long.MIN_VALUE | XCR0);
        assertTrue(XsaveTranslation.isCompacted(image));
    }

    /** A thread's state in Skylake's layout: each component's bytes hold its number. */
    private static byte[] hostState() {
        byte[] state = new byte[0xa80];
        Arrays.fill(state, 0, 160, (byte) 0);
        Arrays.fill(state, 160, 416, (byte) 1);
        Arrays.fill(state, 0x240, 0x340, (byte) 2);
        Arrays.fill(state, 0x440, 0x480, (byte) 5);
        Arrays.fill(state, 0x480, 0x680, (byte) 6);
        Arrays.fill(state, 0x680, 0xa80, (byte) 7);
        Arrays.fill(state, 512, 576, (byte) 0);
        putLong(state, XsaveTranslation.XSTATE_BV, XCR0);
        return state;
    }

    private static void assertRange(byte[] b, int from, int length, byte value) {
        for (int i = from; i < from + length; i++) {
            assertEquals(value, b[i], "byte 0x" + Integer.toHexString(i));
        }
    }

    private static long longAt(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
    }

    private static void putLong(byte[] b, int at, long v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
    }
}
