package org.xrr.interposer.replay;

import org.xrr.interposer.trace.TraceEvent;

/** An event of the trace with its index, which every report names. */
record RecordedEvent(long index, TraceEvent event) {
}
