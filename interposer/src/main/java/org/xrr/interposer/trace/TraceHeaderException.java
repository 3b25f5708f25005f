package org.xrr.interposer.trace;

import java.nio.file.Path;

/** header.json is missing, not JSON, of another format version, or lacks a field; one line naming the file. */
public final class TraceHeaderException extends TraceException {
    public TraceHeaderException(Path file, String problem) {
        this(file, problem, null);
    }

    public TraceHeaderException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
