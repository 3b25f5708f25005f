package org.xrr.shell.script;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.graalvm.polyglot.HostAccess;
import org.xrr.interposer.trace.TraceDirectory;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TraceReader;
import org.xrr.shell.Json;
import org.xrr.shell.trace.EventJson;
import org.xrr.shell.trace.SyscallNames;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One pass over a trace's events for a script's query, read as the query asks for them, in
 * batches: a query that stops early (first, take) reads no further.
 */
public final class EventCursor {
    private static final int BATCH = 256;

    private final TraceReader reader;
    private final EventJson json = new EventJson(new SyscallNames());
    private boolean closed;

    EventCursor(TraceDirectory trace) throws IOException {
        this.reader = trace.openEvents();
    }

    /** The next events as a JSON array; empty at the end. */
    @HostAccess.Export
    public String next() {
        ArrayNode batch = Json.MAPPER.createArrayNode();
        try {
            while (!closed && batch.size() < BATCH) {
                long index = reader.nextIndex();
                TraceEvent e = reader.next();
                if (e == null) {
                    close();
                    break;
                }
                batch.add(json.of(index, e));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return Json.line(batch);
    }

    @HostAccess.Export
    public void close() {
        if (!closed) {
            closed = true;
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }
}
