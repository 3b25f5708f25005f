package org.xrr.interposer.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The identity of files as a session meets them. A program maps the same libraries again and
 * again, and hashing them is most of what a short recording or replay costs (python3 maps 18 MB
 * at start), so each file is hashed once per version: the hash is kept, in memory and under a
 * cache directory, keyed by the file's path, device, inode, size, modification and change time.
 * The change time cannot be set by a program, so a file written since has another key.
 */
public final class FileIdentities {
    private final Path cacheDir;
    private final Map<String, FileIdentity> known = new HashMap<>();

    /** @param cacheDir where hashes are kept between sessions; null to keep them in memory only */
    public FileIdentities(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    public FileIdentity of(Path file) throws IOException {
        Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
        FileTime modified = (FileTime) a.get("lastModifiedTime");
        long size = (Long) a.get("size");
        String key = file + "\0" + a.get("dev") + ":" + a.get("ino") + ":" + size + ":" + nanos(modified) + ":"
                + nanos((FileTime) a.get("ctime"));
        FileIdentity id = known.get(key);
        if (id == null) {
            byte[] sha = stored(key);
            if (sha == null) {
                sha = sha256(file);
                store(key, sha);
            }
            id = new FileIdentity(file.toString(), sha, size, modified.toInstant());
            known.put(key, id);
        }
        return id;
    }

    private byte[] stored(String key) {
        if (cacheDir == null) {
            return null;
        }
        try {
            Path entry = cacheDir.resolve(name(key));
            if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            String[] lines = Files.readString(entry).split("\n", -1);
            // The entry repeats its key, so an entry whose name collides is not taken for another.
            if (lines.length < 2 || !lines[0].equals(key.replace('\0', ' '))) {
                return null;
            }
            byte[] sha = HexFormat.of().parseHex(lines[1]);
            return sha.length == FileIdentity.SHA256_BYTES ? sha : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A cache that cannot be written costs only time: failures are ignored, and entries appear whole. */
    private void store(String key, byte[] sha) {
        if (cacheDir == null) {
            return;
        }
        try {
            Files.createDirectories(cacheDir);
            Path temp = Files.createTempFile(cacheDir, "hash", ".tmp");
            try {
                Files.writeString(temp, key.replace('\0', ' ') + "\n" + HexFormat.of().formatHex(sha) + "\n");
                try {
                    Files.move(temp, cacheDir.resolve(name(key)), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, cacheDir.resolve(name(key)), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // See above.
        }
    }

    private static String name(String key) {
        return HexFormat.of().formatHex(digest().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static long nanos(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** The SHA-256 of a file's content, read as a stream. */
    public static byte[] sha256(Path file) throws IOException {
        MessageDigest sha = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return sha.digest();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
