package org.xrr.interposer.trace;

import java.nio.file.Path;

/**
 * The events file is damaged or of another version. The message is one line naming the file,
 * the index of the first event that could not be read, and what is wrong; every event before
 * that index was read intact.
 */
public final class TraceFormatException extends TraceException {
    private final Path file;
    private final long eventIndex;

    public TraceFormatException(Path file, long eventIndex, String problem) {
        this(file, eventIndex, problem, null);
    }

    public TraceFormatException(Path file, long eventIndex, String problem, Throwable cause) {
        super(file + ": event " + eventIndex + ": " + problem, cause);
        this.file = file;
        this.eventIndex = eventIndex;
    }

    public Path file() {
        return file;
    }

    /** The index of the event where reading failed: how many events were read intact. */
    public long eventIndex() {
        return eventIndex;
    }
}
