package org.xrr.interposer.trace;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the events of an events file in order. {@link #next} returns every intact event, then
 * null at a clean end (the end frame) or a {@link TraceFormatException} naming the first event it
 * could not read, so a caller can show the readable prefix of a damaged or unfinished trace.
 * Every length read from the file is checked against the file's size or the format's limit
 * before anything is allocated for it.
 */
public final class TraceReader implements Closeable {
    /**
     * A frame that the file ends inside is what a recorder killed while writing it leaves (or a
     * truncated copy): either way the events before it are whole.
     */
    private static final String CUT_SHORT = "; the file ends inside it: the recording was cut short";

    private final Path file;
    private final SeekableByteChannel channel;
    private final EventDecoder decoder;
    private final ZstdDecompressCtx zstd = new ZstdDecompressCtx();
    private final ByteBuffer headerBytes = ByteBuffer.allocate(FrameHeader.BYTES);
    private byte[] compressed = new byte[0];
    private byte[] payload = new byte[0];
    private long position = TraceFormat.FILE_HEADER_BYTES;
    private long nextIndex;
    private int frame;
    private int eventsLeftInFrame;
    private boolean ended;
    private TraceFormatException failure;

    private TraceReader(Path file, SeekableByteChannel channel) {
        this.file = file;
        this.channel = channel;
        this.decoder = new EventDecoder(file);
    }

    /** Opens an events file and checks its magic and version. */
    public static TraceReader open(Path file) throws IOException {
        return open(FileChannel.open(file, StandardOpenOption.READ), file);
    }

    /**
     * Reads events from a channel holding an events file from its first byte, and checks its magic
     * and version; {@code name} is the file messages name. Closing the reader closes the channel.
     */
    public static TraceReader open(SeekableByteChannel channel, Path name) throws IOException {
        TraceReader reader = new TraceReader(name, channel);
        try {
            reader.readFileHeader();
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    /** The index the next event read will have: how many events were read so far. */
    public long nextIndex() {
        return nextIndex;
    }

    /** The next event, or null at the end frame. After a failure, every call throws the same exception. */
    public TraceEvent next() throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            while (eventsLeftInFrame == 0) {
                if (!readFrame()) {
                    return null;
                }
            }
            TraceEvent event = decoder.decode(nextIndex);
            if (--eventsLeftInFrame == 0 && decoder.remaining() != 0) {
                throw fail("frame " + (frame - 1) + " holds " + decoder.remaining() + " bytes after the last of its events");
            }
            nextIndex++;
            return event;
        } catch (TraceFormatException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        zstd.close();
        channel.close();
    }

    private void readFileHeader() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(TraceFormat.FILE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int read = readAt(header, 0);
        int magicRead = Math.min(read, TraceFormat.FILE_MAGIC.length);
        if (!Arrays.equals(header.array(), 0, magicRead, TraceFormat.FILE_MAGIC, 0, magicRead)) {
            throw fail("bad magic: this is not an xrr events file");
        }
        if (read < TraceFormat.FILE_HEADER_BYTES) {
            throw fail("the file header is truncated: " + read + " of " + TraceFormat.FILE_HEADER_BYTES + " bytes");
        }
        int version = header.getInt(TraceFormat.FILE_MAGIC.length);
        if (version != TraceFormat.VERSION) {
            throw fail("unsupported format version " + Integer.toUnsignedString(version) + "; this xrr reads version "
                    + TraceFormat.VERSION);
        }
    }

    /** Reads the next frame into the decoder; false at a clean end. */
    private boolean readFrame() throws IOException {
        long left = channel.size() - position;
        if (left <= 0) {
            if (ended) {
                return false;
            }
            throw fail("the trace stops after " + nextIndex + " events without an end frame: the recording was cut short");
        }
        if (ended) {
            throw fail(left + " bytes follow the end frame");
        }
        if (left < FrameHeader.BYTES) {
            throw fail("frame " + frame + " is truncated: the file ends " + left + " bytes into its "
                    + FrameHeader.BYTES + "-byte header" + CUT_SHORT);
        }
        headerBytes.clear();
        readAt(headerBytes, position);
        FrameHeader h = FrameHeader.decode(headerBytes);
        if (h == null) {
            throw fail("frame " + frame + " at byte " + position + " does not start with the frame magic");
        }
        long payloadLeft = left - FrameHeader.BYTES;
        if (h.compressedLength() < 0 || h.compressedLength() > payloadLeft) {
            throw fail("frame " + frame + " is truncated: it declares " + Integer.toUnsignedString(h.compressedLength())
                    + " bytes of payload, the file has " + payloadLeft + CUT_SHORT);
        }
        if (compressed.length < h.compressedLength()) {
            compressed = new byte[h.compressedLength()];
        }
        readAt(ByteBuffer.wrap(compressed, 0, h.compressedLength()), position + FrameHeader.BYTES);
        int crc = FrameHeader.checksum(headerBytes, compressed, h.compressedLength());
        if (crc != h.crc()) {
            throw fail(String.format("frame %d: checksum mismatch (CRC-32C 0x%08x stored, 0x%08x computed)", frame, h.crc(), crc));
        }
        checkPlace(h);
        if (h.isEnd()) {
            if (h.uncompressedLength() != 0 || h.compressedLength() != 0) {
                throw fail("frame " + frame + " has no events but a payload");
            }
            ended = true;
        } else {
            decompress(h);
            eventsLeftInFrame = h.eventCount();
        }
        position += FrameHeader.BYTES + h.compressedLength();
        frame++;
        return true;
    }

    /** A frame whose checksum holds but that sits in the wrong place: frames were lost, repeated or reordered. */
    private void checkPlace(FrameHeader h) throws TraceFormatException {
        if (h.sequence() != frame) {
            throw fail("frame " + frame + " carries sequence number " + Integer.toUnsignedString(h.sequence())
                    + ": frames are missing or out of order");
        }
        if (h.firstEvent() != nextIndex) {
            throw fail("frame " + frame + " starts at event " + Long.toUnsignedString(h.firstEvent()) + ", but "
                    + nextIndex + " events came before it");
        }
    }

    private void decompress(FrameHeader h) throws TraceFormatException {
        int length = h.uncompressedLength();
        if (length < 0 || length > TraceFormat.MAX_FRAME_PAYLOAD) {
            throw fail("frame " + frame + " declares " + Integer.toUnsignedString(length)
                    + " bytes of events, more than the format's limit of " + TraceFormat.MAX_FRAME_PAYLOAD);
        }
        if (h.eventCount() < 0 || h.eventCount() > length) {
            throw fail("frame " + frame + " declares " + Integer.toUnsignedString(h.eventCount()) + " events in "
                    + length + " bytes");
        }
        if (payload.length < length) {
            payload = new byte[length];
        }
        int size;
        try {
            size = zstd.decompressByteArray(payload, 0, length, compressed, 0, h.compressedLength());
        } catch (ZstdException e) {
            throw new TraceFormatException(file, nextIndex, "frame " + frame + ": zstd: " + e.getMessage(), e);
        }
        if (size != length) {
            throw fail("frame " + frame + " decompresses to " + size + " bytes, not the " + length + " it declares");
        }
        decoder.reset(payload, length, frame);
    }

    /** Reads into {@code buffer} from {@code offset} until it is full or the file ends; returns the bytes read. */
    private int readAt(ByteBuffer buffer, long offset) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.position(offset + total).read(buffer);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private TraceFormatException fail(String problem) {
        return new TraceFormatException(file, nextIndex, problem);
    }
}
