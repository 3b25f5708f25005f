package org.xrr.interposer.policy;

import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuProfileException;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.PerCpuFields;
import org.xrr.interposer.trace.FileIdentities;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Models that policies computed, on disk, so that a repeated session starts no JavaScript.
 *
 * <p>A policy is a pure function of the host CPU, its arguments and its own text, so those are
 * the key: the SHA-256 of the policy text, every argument, the content of every file an argument
 * names (a profile may change under the same name), the host's CPUID table (without the APIC
 * IDs, which depend on the CPU that read it) and XCR0, and the
 * other model options the session combines with the policy. An entry is a model in the CPU
 * profile format; one that does not parse is recomputed and replaced.
 */
public final class PolicyModelCache {
    /** Part of every key: raise it when the rules that turn a plan into a model change. */
    static final int FORMAT = 1;

    private final Path dir;

    public PolicyModelCache(Path dir) {
        this.dir = dir;
    }

    /** The key of one evaluation; {@code options} is the rest of the model's options, canonically spelled. */
    String key(Policy policy, PolicyArguments arguments, CpuidTable host, long hostXcr0, String options) {
        MessageDigest sha = sha256();
        field(sha, "format", Integer.toString(FORMAT));
        field(sha, "policy", policy.text());
        for (Map.Entry<String, String> a : arguments.values().entrySet()) {
            field(sha, "argument " + a.getKey(), a.getValue());
            field(sha, "file", fileDigest(Path.of(a.getValue())));
        }
        for (CpuidTable.Entry e : PerCpuFields.cleared(host)) {
            field(sha, "leaf", e.toString());
        }
        field(sha, "xcr0", Long.toHexString(hostXcr0));
        field(sha, "options", options);
        return HexFormat.of().formatHex(sha.digest());
    }

    Optional<CpuModel> load(String key) {
        Path entry = dir.resolve(key + ".json");
        try {
            if (!Files.isRegularFile(entry)) {
                return Optional.empty();
            }
            CpuProfile p = CpuProfile.parse(entry.getFileName().toString(), Files.readString(entry));
            if (!p.source().equals(source(key))) {
                return Optional.empty();
            }
            return Optional.of(CpuModel.restore(p.table(), p.xcr0()));
        } catch (IOException | CpuProfileException e) {
            return Optional.empty();
        }
    }

    /**
     * Keeps a model. A cache that cannot be written costs only speed, so failures are ignored;
     * the entry appears whole or not at all.
     */
    void store(String key, Policy policy, CpuModel model) {
        CpuProfile entry = new CpuProfile("model of policy " + policy.name(), model.vendor(), source(key),
                model.xcr0(), "the model XCR0", "", model.table());
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, key, ".tmp");
            try {
                entry.write(temp);
                moveIntoPlace(temp, dir.resolve(key + ".json"));
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // See above: the next session evaluates the policy again.
        }
    }

    private static void moveIntoPlace(Path temp, Path entry) throws IOException {
        try {
            Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Ties an entry to its key, so a file copied or renamed into place is not taken for another. */
    private static String source(String key) {
        return "xrr policy cache, key " + key;
    }

    private static String fileDigest(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return "no file";
            }
            return HexFormat.of().formatHex(FileIdentities.sha256(file));
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static void field(MessageDigest sha, String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        sha.update(lengthOf(n));
        sha.update(n);
        sha.update(lengthOf(v));
        sha.update(v);
    }

    private static byte[] lengthOf(byte[] b) {
        int n = b.length;
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
