package org.xrr.interposer.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A trace on disk: a directory holding {@code header.json}, the {@code events} file, and
 * {@code files/}, where {@code pack} keeps copies of the files the program mapped.
 */
public final class TraceDirectory {
    public static final String HEADER = "header.json";
    public static final String EVENTS = "events";
    public static final String FILES = "files";

    private final Path dir;
    private final TraceHeader header;

    private TraceDirectory(Path dir, TraceHeader header) {
        this.dir = dir;
        this.header = header;
    }

    /**
     * Makes a new trace in {@code dir}, which must be empty or not exist, writes its header and
     * returns a writer for its events.
     */
    public static TraceWriter create(Path dir, TraceHeader header) throws IOException {
        Files.createDirectories(dir);
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(dir + ": not empty; a new trace needs an empty directory");
            }
        }
        writeHeader(dir, header);
        return TraceWriter.create(dir.resolve(EVENTS));
    }

    /** Opens a trace and reads its header; a directory without one is not a trace. */
    public static TraceDirectory open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no trace directory there");
        }
        Path headerFile = dir.resolve(HEADER);
        if (!Files.exists(headerFile)) {
            throw new TraceHeaderException(headerFile, "missing: " + dir + " is not a trace directory");
        }
        return new TraceDirectory(dir, TraceHeader.read(headerFile));
    }

    public Path path() {
        return dir;
    }

    public TraceHeader header() {
        return header;
    }

    public Path eventsFile() {
        return dir.resolve(EVENTS);
    }

    public Path filesDirectory() {
        return dir.resolve(FILES);
    }

    public TraceReader openEvents() throws IOException {
        return TraceReader.open(eventsFile());
    }

    /** Replaces the header, as a whole: a reader sees the old one or the new one, never a mix. */
    public TraceDirectory rewriteHeader(TraceHeader newHeader) throws IOException {
        writeHeader(dir, newHeader);
        return new TraceDirectory(dir, newHeader);
    }

    private static void writeHeader(Path dir, TraceHeader header) throws IOException {
        Path temporary = Files.createTempFile(dir, HEADER, ".new");
        try {
            Files.writeString(temporary, header.toJson());
            Files.move(temporary, dir.resolve(HEADER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
