package org.xrr.disasm.sites;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.NativePrograms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachedSiteScannerTest {
    @TempDir
    Path tmp;
    private Path cacheDir;
    private Path probe;
    private CachedSiteScanner scanner;

    @BeforeEach
    void setUp() throws IOException {
        cacheDir = tmp.resolve("cache");
        probe = Files.copy(NativePrograms.cpuprobe(), tmp.resolve("cpuprobe"));
        scanner = new CachedSiteScanner(new SiteCache(cacheDir));
    }

    @AfterEach
    void tearDown() {
        scanner.close();
    }

    @Test
    void missThenHitWithTheSameSites() throws Exception {
        ScanResult first = scanner.scan(probe, ScanOptions.DEFAULT);
        ScanResult second = scanner.scan(probe, ScanOptions.DEFAULT);
        assertEquals(CacheStatus.MISS, first.cache());
        assertEquals(CacheStatus.HIT, second.cache());
        assertSameSites(first.sites(), second.sites());
        assertEquals(first.buildId(), second.buildId());
        assertTrue(Files.exists(cacheDir.resolve(first.buildId().orElseThrow() + ".sites")));
    }

    @Test
    void optionsAreCachedApart() throws Exception {
        scanner.scan(probe, ScanOptions.DEFAULT);
        ScanResult withSyscalls = scanner.scan(probe, new ScanOptions(true));
        assertEquals(CacheStatus.MISS, withSyscalls.cache());
        assertEquals(20, withSyscalls.sites().size());
    }

    @Test
    void aModifiedFileIsRescanned() throws Exception {
        scanner.scan(probe, ScanOptions.DEFAULT);
        Files.setLastModifiedTime(probe, FileTime.fromMillis(Files.getLastModifiedTime(probe).toMillis() + 5000));
        ScanResult again = scanner.scan(probe, ScanOptions.DEFAULT);
        assertEquals(CacheStatus.STALE, again.cache());
        assertEquals(CacheStatus.HIT, scanner.scan(probe, ScanOptions.DEFAULT).cache());
    }

    @Test
    void aDamagedEntryIsDetectedAndRebuilt() throws Exception {
        List<Site> truth = scanner.scan(probe, ScanOptions.DEFAULT).sites();
        Path entry = onlyEntry();
        byte[] raw = Files.readAllBytes(entry);
        raw[raw.length / 2] ^= 0x40;
        Files.write(entry, raw);
        ScanResult rebuilt = scanner.scan(probe, ScanOptions.DEFAULT);
        assertEquals(CacheStatus.CORRUPT, rebuilt.cache());
        assertSameSites(truth, rebuilt.sites());
        ScanResult after = scanner.scan(probe, ScanOptions.DEFAULT);
        assertEquals(CacheStatus.HIT, after.cache());
        assertSameSites(truth, after.sites());
    }

    @Test
    void aTruncatedOrEmptyEntryIsCorrupt() throws Exception {
        scanner.scan(probe, ScanOptions.DEFAULT);
        Path entry = onlyEntry();
        Files.write(entry, new byte[] {1, 2, 3});
        assertEquals(CacheStatus.CORRUPT, scanner.scan(probe, ScanOptions.DEFAULT).cache());
        Files.write(entry, new byte[0]);
        assertEquals(CacheStatus.CORRUPT, scanner.scan(probe, ScanOptions.DEFAULT).cache());
    }

    @Test
    void aFileWithoutBuildIdIsKeyedByItsContent() throws Exception {
        Path stripped = tmp.resolve("no-build-id");
        Process p = new ProcessBuilder("objcopy", "--remove-section", ".note.gnu.build-id", probe.toString(), stripped.toString())
                .inheritIO().start();
        assertEquals(0, p.waitFor());
        ScanResult first = scanner.scan(stripped, ScanOptions.DEFAULT);
        assertTrue(first.buildId().isEmpty());
        assertEquals(CacheStatus.MISS, first.cache());
        assertEquals(CacheStatus.HIT, scanner.scan(stripped, ScanOptions.DEFAULT).cache());
        try (Stream<Path> entries = Files.list(cacheDir)) {
            assertTrue(entries.anyMatch(e -> e.getFileName().toString().startsWith("sha256-")));
        }
    }

    @Test
    void bypassingTheCacheNeitherReadsNorWrites() throws Exception {
        try (CachedSiteScanner uncached = new CachedSiteScanner(null)) {
            assertEquals(CacheStatus.BYPASSED, uncached.scan(probe, ScanOptions.DEFAULT).cache());
        }
        assertTrue(Files.notExists(cacheDir));
    }

    private Path onlyEntry() throws IOException {
        try (Stream<Path> entries = Files.list(cacheDir)) {
            List<Path> all = entries.toList();
            assertEquals(1, all.size(), all::toString);
            return all.get(0);
        }
    }

    private static void assertSameSites(List<Site> expected, List<Site> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Site a = expected.get(i);
            Site b = actual.get(i);
            assertEquals(a.kind(), b.kind());
            assertEquals(a.address(), b.address());
            assertEquals(a.fileOffset(), b.fileOffset());
            assertEquals(a.hexBytes(), b.hexBytes());
            assertEquals(a.location(), b.location());
        }
    }
}
