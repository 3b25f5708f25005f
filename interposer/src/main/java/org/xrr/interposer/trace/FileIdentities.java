package org.xrr.interposer.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * The identity of files as a session meets them. A program maps the same few libraries again
 * and again (every process maps libc), so each file is hashed once per size and modification
 * time.
 */
public final class FileIdentities {
    private record Key(String path, long size, long modifiedNanos) {
    }

    private final Map<Key, FileIdentity> known = new HashMap<>();

    public FileIdentity of(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        Key key = new Key(file.toString(), a.size(), a.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                + a.lastModifiedTime().toInstant().getNano());
        FileIdentity id = known.get(key);
        if (id == null) {
            id = new FileIdentity(file.toString(), sha256(file), a.size(), a.lastModifiedTime().toInstant());
            known.put(key, id);
        }
        return id;
    }

    private static byte[] sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return ((DigestInputStream) in).getMessageDigest().digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
