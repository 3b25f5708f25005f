package org.xrr.disasm.sites;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xrr.disasm.elf.ElfFile;
import org.xrr.disasm.testing.NativePrograms;
import org.xrr.disasm.x86.SiteKind;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteScannerTest {
    private static final long BASE = 0x1000;
    private static SiteScanner scanner;

    @BeforeAll
    static void open() {
        scanner = new SiteScanner();
    }

    @AfterAll
    static void close() {
        scanner.close();
    }

    @Test
    void findsEveryKindInTheProbeAtItsOwnFunction() throws Exception {
        ElfFile elf = ElfFile.open(NativePrograms.cpuprobe());
        List<Site> sites = scanner.scan(elf, new ScanOptions(true));
        assertEquals(EnumSet.allOf(SiteKind.class), sites.stream().map(Site::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(SiteKind.class))));
        byte[] file = Files.readAllBytes(NativePrograms.cpuprobe());
        for (Site s : sites) {
            assertEquals("site_" + s.kind().mnemonic(), s.symbol(), () -> "site " + s);
            assertArrayEquals(Arrays.copyOfRange(file, (int) s.fileOffset(), (int) s.fileOffset() + s.length()), s.bytes());
        }
        assertEquals(SiteKind.values().length, sites.size(), "one site per kind");
    }

    @Test
    void syscallsOnlyOnRequest() throws Exception {
        ElfFile elf = ElfFile.open(NativePrograms.cpuprobe());
        assertTrue(scanner.scan(elf, ScanOptions.DEFAULT).stream().noneMatch(s -> s.kind() == SiteKind.SYSCALL));
    }

    @Test
    void anImmediateThatLooksLikeCpuidIsNotASite() {
        // mov eax, 0xa20f ; cpuid
        assertEquals(List.of("0x1005 cpuid"), sites("b8 0f a2 00 00 0f a2"));
    }

    @Test
    void aSymbolRestartsTheSweepInsideWhatWouldOtherwiseBeOneInstruction() {
        String code = "b8 00 00 0f a2 c3";
        assertEquals(List.of(), sites(code));
        List<SyncPoint> cut = List.of(new SyncPoint(BASE, "f"), new SyncPoint(BASE + 3, "g"));
        List<Site> found = scanner.scan(List.of(image(code, cut)), ScanOptions.DEFAULT);
        assertEquals(1, found.size());
        assertEquals("g", found.get(0).location());
        assertEquals(BASE + 3, found.get(0).address());
    }

    @Test
    void stepsOverBytesThatDoNotDecode() {
        assertEquals(List.of("0x1001 cpuid"), sites("06 0f a2"));
    }

    @Test
    void anUndefinedX87FormSwallowsItsOperandAsObjdumpDoes() {
        // objdump: "db 63 7b" (bad) with its ModRM operand, then "c0 0f a2" rorb: no CPUID
        // (found in data inside libcrypto's .text)
        assertEquals(List.of(), sites("db 63 7b c0 0f a2 73 f4"));
        // a SIB byte with no base takes a 32-bit displacement too
        assertEquals(List.of("0x1007 cpuid"), sites("db 24 25 00 00 00 00 0f a2"));
    }

    @Test
    void prefixesBelongToTheSite() {
        List<Site> found = scanner.scan(List.of(image("66 0f c7 f0", List.of())), ScanOptions.DEFAULT);
        assertEquals(SiteKind.RDRAND, found.get(0).kind());
        assertEquals(BASE, found.get(0).address());
        assertEquals(4, found.get(0).length());
    }

    @Test
    void tellsRdpidFromRdseedThoughCapstone4DoesNot() {
        assertEquals(List.of("0x1000 rdpid", "0x1004 rdseed", "0x1008 rdrand"), sites("f3 0f c7 f8 48 0f c7 f8 48 0f c7 f0"));
    }

    @Test
    void theSiteOutlivesItsSymbolAsAnOffset() {
        List<Site> found = scanner.scan(List.of(image("90 90 0f 31", List.of(new SyncPoint(BASE, "fn")))), ScanOptions.DEFAULT);
        assertEquals("fn+0x2", found.get(0).location());
        assertEquals(-1, found.get(0).fileOffset());
    }

    @Test
    void lookalikeOpcodesAreNotSites() {
        // lfence, stmxcsr [rax], cmpxchg8b [rax]: 0F AE and 0F C7 with other ModRM.reg values
        assertEquals(List.of(), sites("0f ae e8 0f ae 18 0f c7 08"));
    }

    private static List<String> sites(String hex) {
        Set<SiteKind> all = EnumSet.allOf(SiteKind.class);
        return scanner.scan(List.of(image(hex, List.of())), ScanOptions.DEFAULT).stream()
                .filter(s -> all.contains(s.kind()))
                .map(s -> "0x" + Long.toHexString(s.address()) + " " + s.kind().mnemonic()).toList();
    }

    private static CodeImage image(String hex, List<SyncPoint> points) {
        return new CodeImage(".text", HexFormat.ofDelimiter(" ").parseHex(hex), BASE, -1, points);
    }
}
