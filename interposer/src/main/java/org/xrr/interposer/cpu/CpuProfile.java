package org.xrr.interposer.cpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A whole CPU as a file describes it: a CPUID dump, the XCR0 its OS had enabled, and where it
 * came from. Used as another machine to present, to intersect with, or to compare against;
 * {@link #toJson()} writes this machine's profile in the same format.
 *
 * @param name     what the CPU is, for people
 * @param vendor   the vendor string; always equal to the one in leaf 0
 * @param source   where the dump came from; empty if unknown
 * @param xcr0     the XCR0 the dump's OS had enabled
 * @param xcr0Note how {@code xcr0} was established; empty if not given
 * @param notes    anything else worth knowing about the dump; empty if not given
 * @param table    the CPUID dump
 */
public record CpuProfile(String name, String vendor, String source, long xcr0, String xcr0Note, String notes,
                         CpuidTable table) {
    public CpuProfile {
        Objects.requireNonNull(name);
        Objects.requireNonNull(vendor);
        Objects.requireNonNull(source);
        Objects.requireNonNull(xcr0Note);
        Objects.requireNonNull(notes);
        Objects.requireNonNull(table);
    }

    /** Reads a profile file; any problem, including an unreadable file, is a {@link CpuProfileException}. */
    public static CpuProfile load(Path file) throws CpuProfileException {
        String fileName = String.valueOf(file.getFileName());
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new CpuProfileException(fileName + ": cannot read " + file + ": " + e, e);
        }
        return CpuProfileFormat.parse(fileName, json);
    }

    /** Parses profile JSON; {@code fileName} prefixes every error message. */
    public static CpuProfile parse(String fileName, String json) throws CpuProfileException {
        return CpuProfileFormat.parse(fileName, json);
    }

    /**
     * Reads a profile embedded in another JSON document (a trace header holds two);
     * {@code where} prefixes every error message.
     */
    public static CpuProfile fromJsonTree(String where, JsonNode node) throws CpuProfileException {
        return CpuProfileFormat.fromTree(where, node);
    }

    /** This profile as a JSON tree, to embed in another document; the form {@link #toJson()} prints. */
    public ObjectNode toJsonTree() {
        return CpuProfileFormat.tree(this);
    }

    public String toJson() {
        return CpuProfileFormat.write(this);
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson());
    }
}
