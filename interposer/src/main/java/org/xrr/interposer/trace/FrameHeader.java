package org.xrr.interposer.trace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The 32-byte header of a frame: magic, sequence number, index of its first event, event count,
 * uncompressed and compressed payload lengths, and a CRC-32C of the header's first 28 bytes
 * followed by the compressed payload. An end frame has no events and no payload.
 */
record FrameHeader(int sequence, long firstEvent, int eventCount, int uncompressedLength, int compressedLength, int crc) {
    static final int BYTES = 32;
    private static final int CRC_OFFSET = 28;

    /** A header for this payload, with its checksum computed. */
    static FrameHeader of(int sequence, long firstEvent, int eventCount, int uncompressedLength, byte[] payload,
                          int compressedLength) {
        FrameHeader unsigned = new FrameHeader(sequence, firstEvent, eventCount, uncompressedLength, compressedLength, 0);
        ByteBuffer bytes = unsigned.encode();
        return new FrameHeader(sequence, firstEvent, eventCount, uncompressedLength, compressedLength,
                checksum(bytes, payload, compressedLength));
    }

    /** Reads a header from 32 bytes; returns null when they do not start with the frame magic. */
    static FrameHeader decode(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != TraceFormat.FRAME_MAGIC) {
            return null;
        }
        return new FrameHeader(b.getInt(4), b.getLong(8), b.getInt(16), b.getInt(20), b.getInt(24), b.getInt(CRC_OFFSET));
    }

    /** The 32 bytes of this header, little-endian, ready to write. */
    ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(TraceFormat.FRAME_MAGIC).putInt(sequence).putLong(firstEvent).putInt(eventCount)
                .putInt(uncompressedLength).putInt(compressedLength).putInt(crc);
        return b.flip();
    }

    /** The checksum of an encoded header (its first 28 bytes) and the payload that follows it. */
    static int checksum(ByteBuffer header, byte[] payload, int length) {
        CRC32C crc = new CRC32C();
        crc.update(header.duplicate().position(0).limit(CRC_OFFSET));
        crc.update(payload, 0, length);
        return (int) crc.getValue();
    }

    boolean isEnd() {
        return eventCount == 0;
    }
}
