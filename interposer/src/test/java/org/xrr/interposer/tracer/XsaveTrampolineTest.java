package org.xrr.interposer.tracer;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XsaveTrampolineTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static String relocated(String insn) {
        return XsaveTrampoline.relocated(HEX.parseHex(insn)).map(HEX::formatHex).orElse("cannot move");
    }

    @Test
    void anRspOperandMovesBelowWhatThePrologueAdds() {
        // glibc's resolver: xsavec 0x40(%rsp) -> xsavec 0xd8(%rsp), as disp32
        assertEquals("0f c7 a4 24 d8 00 00 00", relocated("0f c7 64 24 40"));
        // xrstor64 (%rsp) -> 0x98(%rsp)
        assertEquals("48 0f ae ac 24 98 00 00 00", relocated("48 0f ae 2c 24"));
        // a negative disp8 is sign-extended: -8 + 152 = 0x90
        assertEquals("0f ae a4 24 90 00 00 00", relocated("0f ae 64 24 f8"));
    }

    @Test
    void otherOperandsStayAsTheyAre() {
        assertEquals("0f ae 27", relocated("0f ae 27"));                // xsave (%rdi)
        assertEquals("41 0f ae 24 24", relocated("41 0f ae 24 24"));    // xsave (%r12): SIB base with REX.B is r12
        assertEquals("0f c7 64 1d 40", relocated("0f c7 64 1d 40"));    // xsavec 0x40(%rbp,%rbx)
    }

    @Test
    void ripRelativeOperandsCannotMove() {
        assertEquals("cannot move", relocated("0f ae 25 10 00 00 00"));
        assertTrue(XsaveTrampoline.isRipRelative(HEX.parseHex("48 0f ae 2d 00 01 00 00")));
    }

    @Test
    void shortSitesAndFarScratchGetNoTrampoline() {
        assertEquals(Optional.empty(), XsaveTrampoline.build(HEX.parseHex("0f ae 27"), 0x1000, 0x2000, 0x7));
        assertEquals(Optional.empty(), XsaveTrampoline.build(HEX.parseHex("0f c7 64 24 40"), 0x1000, 0x1_0000_1000L, 0x7));
    }

    @Test
    void theTrampolineNarrowsRfbmAndJumpsBack() {
        long site = 0x7f00_0000_1000L;
        long at = 0x7f00_0002_0000L;
        byte[] code = XsaveTrampoline.build(HEX.parseHex("0f c7 64 24 40"), site, at, 0x600e7L).orElseThrow();
        String text = HEX.formatHex(code);
        assertTrue(text.startsWith("48 8d a4 24 80 ff ff ff 9c 50 52 25 e7 00 06 00 81 e2 00 00 00 00 0f c7 a4 24 d8 00 00 00 5a 58 9d 48 8d a4 24 80 00 00 00 e9 "), text);
        long rel = (code[code.length - 4] & 0xffL) | (code[code.length - 3] & 0xffL) << 8 | (code[code.length - 2] & 0xffL) << 16 | (long) code[code.length - 1] << 24;
        assertEquals(site + 5, at + code.length + rel, "jumps back to the instruction after the site");
        byte[] jump = XsaveTrampoline.jumpTo(site, at).orElseThrow();
        assertEquals(5, jump.length);
        assertEquals((byte) 0xe9, jump[0]);
    }
}
