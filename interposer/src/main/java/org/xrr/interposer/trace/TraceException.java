package org.xrr.interposer.trace;

import java.io.IOException;

/** A trace that cannot be read: its header or its events are damaged, or of another format version. */
public abstract sealed class TraceException extends IOException permits TraceHeaderException, TraceFormatException {
    TraceException(String message, Throwable cause) {
        super(message, cause);
    }
}
