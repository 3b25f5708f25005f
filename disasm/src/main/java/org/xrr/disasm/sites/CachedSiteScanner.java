package org.xrr.disasm.sites;

import org.xrr.disasm.elf.ElfFile;
import org.xrr.disasm.elf.ElfFormatException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Scans files through the site cache: answers from a valid entry, otherwise scans and stores. Not thread-safe. */
public final class CachedSiteScanner implements AutoCloseable {
    private final SiteScanner scanner = new SiteScanner();
    private final SiteCache cache;

    /** @param cache where entries live, or null to bypass caching altogether */
    public CachedSiteScanner(SiteCache cache) {
        this.cache = cache;
    }

    public ScanResult scan(Path file, ScanOptions options) throws IOException, ElfFormatException {
        long start = System.nanoTime();
        ElfFile elf = ElfFile.open(file);
        Optional<String> buildId = elf.buildId();
        if (cache == null) {
            List<Site> sites = scanner.scan(elf, options);
            return new ScanResult(file, buildId, sites, CacheStatus.BYPASSED, System.nanoTime() - start);
        }
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        String id = buildId.isPresent() ? buildId.get() : "sha256-" + sha256(file);
        SiteCache.Key key = new SiteCache.Key(id, options, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        SiteCache.Lookup found = cache.lookup(key);
        if (found.status() == CacheStatus.HIT) {
            return new ScanResult(file, buildId, found.sites(), CacheStatus.HIT, System.nanoTime() - start);
        }
        List<Site> sites = scanner.scan(elf, options);
        cache.store(key, sites);
        return new ScanResult(file, buildId, sites, found.status(), System.nanoTime() - start);
    }

    /** Scans code that is already in memory (a process's mappings); never cached. */
    public List<Site> scan(List<CodeImage> images, ScanOptions options) {
        return scanner.scan(images, options);
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public void close() {
        scanner.close();
    }
}
