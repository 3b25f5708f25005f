package org.xrr.interposer.trace;

import java.nio.charset.StandardCharsets;

/** The constants of the trace format that TRACE-FORMAT.md describes. */
public final class TraceFormat {
    /**
     * The format version, in header.json and in the events file. A reader accepts only its own:
     * every change that an older reader would misread changes it.
     */
    public static final int VERSION = 1;

    /** The first bytes of the events file. */
    static final byte[] FILE_MAGIC = "XRREVENT".getBytes(StandardCharsets.US_ASCII);
    /** Magic, then the version as a little-endian u32. */
    static final int FILE_HEADER_BYTES = FILE_MAGIC.length + 4;
    /** The ASCII bytes "XRRF" read as a little-endian u32: the start of every frame. */
    static final int FRAME_MAGIC = 0x46525258;
    /** The most bytes one frame's events may take uncompressed, so that a reader can bound what it allocates. */
    static final int MAX_FRAME_PAYLOAD = 256 << 20;
    /** Set in an event's kind byte when its tid is the previous event's in the same frame, and so left out. */
    static final int SAME_TID = 0x80;

    private TraceFormat() {
    }
}
