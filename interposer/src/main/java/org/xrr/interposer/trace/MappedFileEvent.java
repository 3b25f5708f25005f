package org.xrr.interposer.trace;

import java.util.Objects;

/** A file the program mapped, as it was then: replay refuses to map a file that differs. */
public record MappedFileEvent(int tid, FileIdentity file) implements TraceEvent {
    public MappedFileEvent {
        Validation.tid(tid);
        Objects.requireNonNull(file);
    }

    @Override
    public EventKind kind() {
        return EventKind.MAPPED_FILE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.mappedFile(this);
    }
}
