package org.xrr.interposer.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A policy's text and the name its messages use for it.
 *
 * @param name the file name, as messages give locations ({@code x86-64-v3.js:12})
 * @param text the JavaScript source
 */
public record Policy(String name, String text) {
    /** A policy of more than this is refused before parsing; shipped policies are a few KiB. */
    static final long MAX_BYTES = 1 << 20;

    public Policy {
        Objects.requireNonNull(name);
        Objects.requireNonNull(text);
    }

    /** Reads a policy file; a missing, unreadable, huge or non-UTF-8 file is a {@link PolicyException}. */
    public static Policy load(Path file) throws PolicyException {
        String name = String.valueOf(file.getFileName());
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw PolicyException.unreadable(file + ": not a regular file, so not a policy file");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw PolicyException.unreadable(file + ": more than " + MAX_BYTES + " bytes; a policy may be at most that");
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return new Policy(name, text);
        } catch (NoSuchFileException e) {
            throw PolicyException.unreadable("policy file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw PolicyException.unreadable(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw PolicyException.unreadable("cannot read policy file " + file + ": " + e.getMessage());
        }
    }
}
