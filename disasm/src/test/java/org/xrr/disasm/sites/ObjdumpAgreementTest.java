package org.xrr.disasm.sites;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xrr.disasm.elf.ElfFile;
import org.xrr.disasm.objdump.ObjdumpOracle;
import org.xrr.disasm.objdump.OracleComparison;
import org.xrr.disasm.testing.NativePrograms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The scanner must find exactly the sites objdump -d decodes, in the files the issue names. */
class ObjdumpAgreementTest {
    private static SiteScanner scanner;

    @BeforeAll
    static void open() {
        assumeTrue(ObjdumpOracle.available(), "objdump (binutils) is not installed");
        scanner = new SiteScanner();
    }

    @AfterAll
    static void close() {
        if (scanner != null) {
            scanner.close();
        }
    }

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of(NativePrograms.cpuprobe(), true),
                Arguments.of(Path.of("/lib64/ld-linux-x86-64.so.2"), false),
                Arguments.of(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), false),
                Arguments.of(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), true),
                Arguments.of(Path.of("/usr/lib/x86_64-linux-gnu/libstdc++.so.6"), false),
                Arguments.of(Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so"), false),
                Arguments.of(Path.of("/usr/bin/python3"), true));
    }

    @ParameterizedTest(name = "{0} (syscalls: {1})")
    @MethodSource("files")
    void sameSitesAsObjdump(Path file, boolean syscalls) throws Exception {
        assumeTrue(Files.isRegularFile(file), file + " is not on this machine");
        ScanOptions options = new ScanOptions(syscalls);
        OracleComparison c = OracleComparison.of(scanner.scan(ElfFile.open(file), options), ObjdumpOracle.sites(file, syscalls));
        assertTrue(c.matches(), () -> file + ": " + c.differences().size() + " differences: " + c.differences().stream().limit(10).toList());
        assertTrue(c.objdumpSites() > 0 || file.toString().contains("python3"), "objdump found sites to compare");
    }
}
