package org.xrr.disasm.process;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xrr.disasm.sites.ScanOptions;
import org.xrr.disasm.sites.Site;
import org.xrr.disasm.sites.SiteScanner;
import org.xrr.disasm.testing.JitProbe;
import org.xrr.disasm.x86.SiteKind;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Scans a real process: the probe with a CPUID stub in anonymous executable memory. */
class ProcessScannerTest {
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
    void findsFileBackedAndAnonymousSites() throws Exception {
        try (JitProbe probe = new JitProbe()) {
            assumeTrue(canReadMemory(probe.pid()), "reading /proc/PID/mem of a child is not permitted here (ptrace restrictions)");
            List<MappingSites> mappings = new ProcessScanner(scanner).scan(probe.pid(), ScanOptions.DEFAULT);

            MappingSites stub = mappings.stream().filter(m -> m.mapping().start() == probe.stubAddress()).findFirst().orElseThrow();
            assertEquals("[anonymous]", stub.mapping().name());
            assertEquals(1, stub.sites().size());
            Site cpuid = stub.sites().get(0);
            assertEquals(SiteKind.CPUID, cpuid.kind());
            assertEquals(probe.stubAddress() + 1, cpuid.address());
            assertEquals(-1, cpuid.fileOffset());

            List<Site> programSites = mappings.stream().filter(m -> m.mapping().path().endsWith("/cpuprobe"))
                    .flatMap(m -> m.sites().stream()).toList();
            assertEquals(SiteKind.values().length - 1, programSites.size(), "every kind but SYSCALL");
            for (Site s : programSites) {
                assertEquals("site_" + s.kind().mnemonic(), s.symbol());
                assertTrue(s.fileOffset() >= 0);
            }
        }
    }

    private static boolean canReadMemory(int pid) {
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + pid + "/mem", "r")) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
