package org.xrr.interposer.pack;

import org.xrr.interposer.trace.FileIdentity;
import org.xrr.interposer.trace.TraceDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * {@code xrr pack}: copies every file the recording used into the trace. A copy is hashed as it
 * is written and kept only if it has the recorded hash, so a file changed since the recording is
 * never packed in its place. Copies appear whole (written aside, then renamed), so an interrupted
 * pack leaves no half file and packing again finishes the work.
 */
public final class TracePacker {
    private TracePacker() {
    }

    /**
     * What a pack did.
     *
     * @param trace  the trace, with its header marked packed
     * @param files  how many files the recording used
     * @param copied how many of them this pack copied (the others were in the trace already)
     */
    public record Result(TraceDirectory trace, int files, int copied, long bytesCopied) {
    }

    /**
     * Packs {@code trace} and marks its header packed.
     *
     * @param progress told the number of bytes handled so far, out of {@link RecordedFiles#totalBytes()}
     */
    public static Result pack(TraceDirectory trace, RecordedFiles recorded, LongConsumer progress) throws IOException {
        Files.createDirectories(trace.filesDirectory());
        long done = 0;
        int copied = 0;
        long bytesCopied = 0;
        for (FileIdentity file : recorded.files()) {
            Path copy = PackedFiles.copyOf(trace, file);
            if (!Files.isRegularFile(copy) || Files.size(copy) != file.size()) {
                copy(trace, file, copy);
                copied++;
                bytesCopied += file.size();
            }
            done += file.size();
            progress.accept(done);
        }
        TraceDirectory packed = trace.header().packed() ? trace : trace.rewriteHeader(trace.header().withPacked(true));
        return new Result(packed, recorded.files().size(), copied, bytesCopied);
    }

    /** Hashed while copied, not before: the file could change between a hash and a copy. */
    private static void copy(TraceDirectory trace, FileIdentity file, Path copy) throws IOException {
        Path source = Path.of(file.path());
        Path temporary = Files.createTempFile(trace.filesDirectory(), "copy", ".new");
        try {
            MessageDigest sha = sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(source), sha);
                 OutputStream out = Files.newOutputStream(temporary)) {
                in.transferTo(out);
            } catch (NoSuchFileException e) {
                throw new PackException("cannot pack: " + file.path() + ", which the recording used, is missing");
            }
            byte[] now = sha.digest();
            if (!Arrays.equals(now, file.sha256())) {
                throw new PackException("cannot pack: " + file.path() + " changed since the recording (SHA-256 "
                        + HexFormat.of().formatHex(now) + " now, " + file.sha256Hex() + " then)");
            }
            // Copies are for reading only, by whoever may read the trace.
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("r--r--r--"));
            Files.move(temporary, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
