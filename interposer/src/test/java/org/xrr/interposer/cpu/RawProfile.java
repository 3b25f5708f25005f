package org.xrr.interposer.cpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * A profile's raw register values read straight from its JSON, without the production reader or
 * table, so that tests can check the model's arithmetic against the source data.
 */
final class RawProfile {
    private final JsonNode root;

    private RawProfile(JsonNode root) {
        this.root = root;
    }

    static RawProfile read(String file) {
        try {
            return new RawProfile(new ObjectMapper().readTree(Files.readString(Profiles.path(file))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long xcr0() {
        return Long.decode(root.get("xcr0").textValue());
    }

    /** The register, or 0 when the dump has no such (leaf, subleaf). */
    int reg(int leaf, int subleaf, String register) {
        for (JsonNode row : root.get("leaves")) {
            if (Long.decode(row.get("leaf").textValue()) == (leaf & 0xFFFF_FFFFL)
                    && Long.decode(row.get("subleaf").textValue()) == subleaf) {
                return (int) (long) Long.decode(row.get(register).textValue());
            }
        }
        return 0;
    }

    /** Standard-format XSAVE size for {@code components}, from this dump's leaf 0xD offsets and sizes. */
    int standardSize(long components) {
        int end = 512 + 64;
        for (int i = 2; i < 63; i++) {
            if ((components >>> i & 1) == 1) {
                end = Math.max(end, reg(0xD, i, "ebx") + reg(0xD, i, "eax"));
            }
        }
        return end;
    }

    /** Compacted-format XSAVE size for {@code components}, honouring each component's 64-byte alignment flag. */
    int compactedSize(long components) {
        int offset = 512 + 64;
        for (int i = 2; i < 63; i++) {
            if ((components >>> i & 1) == 1) {
                if ((reg(0xD, i, "ecx") & 2) != 0) {
                    offset = (offset + 63) / 64 * 64;
                }
                offset += reg(0xD, i, "eax");
            }
        }
        return offset;
    }
}
