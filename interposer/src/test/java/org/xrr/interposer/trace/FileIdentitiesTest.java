package org.xrr.interposer.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class FileIdentitiesTest {
    @TempDir
    Path dir;

    @Test
    void hashesTheContentAndKeepsTheHashForTheNextSession() throws Exception {
        Path file = Files.writeString(dir.resolve("lib.so"), "first version");
        Path cache = dir.resolve("cache");
        FileIdentity id = new FileIdentities(cache).of(file);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)), id.sha256());
        assertEquals(13, id.size());
        assertEquals(1, entries(cache));
        assertArrayEquals(id.sha256(), new FileIdentities(cache).of(file).sha256());
        assertEquals(1, entries(cache));
    }

    @Test
    void aFileRewrittenWithItsOldSizeAndModificationTimeIsHashedAgain() throws Exception {
        Path file = Files.writeString(dir.resolve("lib.so"), "AAAA");
        Path cache = dir.resolve("cache");
        FileTime modified = Files.getLastModifiedTime(file);
        FileIdentity before = new FileIdentities(cache).of(file);
        Thread.sleep(20);
        Files.writeString(file, "BBBB");
        Files.setLastModifiedTime(file, modified);
        FileIdentity after = new FileIdentities(cache).of(file);
        assertFalse(java.util.Arrays.equals(before.sha256(), after.sha256()), "the change time tells the versions apart");
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest("BBBB".getBytes()), after.sha256());
    }

    @Test
    void aDamagedCacheEntryIsIgnored() throws Exception {
        Path file = Files.writeString(dir.resolve("lib.so"), "content");
        Path cache = dir.resolve("cache");
        byte[] right = new FileIdentities(cache).of(file).sha256();
        try (Stream<Path> all = Files.list(cache)) {
            Path entry = all.findFirst().orElseThrow();
            Files.writeString(entry, "garbage");
        }
        assertArrayEquals(right, new FileIdentities(cache).of(file).sha256());
    }

    private static long entries(Path cache) throws Exception {
        try (Stream<Path> all = Files.list(cache)) {
            return all.count();
        }
    }
}
