package org.xrr.interposer.trace;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a file was when the recording used it, so that replay can refuse a file that has changed.
 *
 * @param sha256 SHA-256 of the whole content, 32 bytes
 */
public record FileIdentity(String path, byte[] sha256, long size, Instant modified) {
    public static final int SHA256_BYTES = 32;

    public FileIdentity {
        Objects.requireNonNull(path);
        Validation.length("SHA-256", sha256.length, SHA256_BYTES);
        sha256 = sha256.clone();
        if (size < 0) {
            throw new IllegalArgumentException("file size " + size + " is negative");
        }
        Objects.requireNonNull(modified);
    }

    /** A copy of the hash. */
    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** The hash itself, for the encoder, which only reads it. */
    byte[] sharedSha256() {
        return sha256;
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileIdentity f && path.equals(f.path) && Arrays.equals(sha256, f.sha256) && size == f.size
                && modified.equals(f.modified);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(sha256), size, modified);
    }

    @Override
    public String toString() {
        return "FileIdentity[" + path + ", sha256 " + sha256Hex() + ", " + size + " bytes, modified " + modified + "]";
    }
}
