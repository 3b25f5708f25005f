package org.xrr.interposer.trace;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends events to a new events file. Events are buffered into a frame, and the frame is
 * compressed and written once it holds {@code chunkBytes} or on {@link #flush}; {@link #close}
 * writes the rest and the end frame. Each frame is one write, so a recorder killed at any point
 * leaves every frame it wrote before readable. Not thread-safe: one tracer thread records.
 */
public final class TraceWriter implements Closeable {
    public static final int DEFAULT_CHUNK_BYTES = 64 * 1024;
    /** zstd's default level: most of the ratio of higher levels at several times their speed. */
    private static final int ZSTD_LEVEL = 3;

    private final FileChannel channel;
    private final int chunkBytes;
    private final EventEncoder encoder;
    private final ZstdCompressCtx zstd = new ZstdCompressCtx().setLevel(ZSTD_LEVEL);
    private byte[] compressed = new byte[0];
    private long eventCount;
    private long frameFirstEvent;
    private int sequence;
    private boolean closed;

    private TraceWriter(FileChannel channel, int chunkBytes) {
        this.channel = channel;
        this.chunkBytes = chunkBytes;
        this.encoder = new EventEncoder(2 * chunkBytes);
    }

    /** Creates {@code file}, which must not exist, with the default frame size. */
    public static TraceWriter create(Path file) throws IOException {
        return create(file, DEFAULT_CHUNK_BYTES);
    }

    /** Creates {@code file}, which must not exist; a frame is written when its events take {@code chunkBytes}. */
    public static TraceWriter create(Path file, int chunkBytes) throws IOException {
        if (chunkBytes < 1 || chunkBytes > TraceFormat.MAX_FRAME_PAYLOAD) {
            throw new IllegalArgumentException("chunk size " + chunkBytes + " is not between 1 and "
                    + TraceFormat.MAX_FRAME_PAYLOAD);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.allocate(TraceFormat.FILE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.put(TraceFormat.FILE_MAGIC).putInt(TraceFormat.VERSION).flip();
            writeFully(channel, header);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new TraceWriter(channel, chunkBytes);
    }

    /**
     * Appends an event and returns its index. An event too large for any frame (more than 256 MiB
     * encoded) is an {@link IllegalArgumentException} and is not recorded.
     */
    public long append(TraceEvent event) throws IOException {
        if (closed) {
            throw new IllegalStateException("the trace writer is closed");
        }
        try {
            encoder.encode(event);
        } catch (IllegalArgumentException tooLargeForThisFrame) {
            if (encoder.size() == 0) {
                throw tooLargeForThisFrame;
            }
            flush();
            encoder.encode(event);
        }
        long index = eventCount++;
        if (encoder.size() >= chunkBytes) {
            flush();
        }
        return index;
    }

    /** How many events were appended. */
    public long eventCount() {
        return eventCount;
    }

    /** Writes the buffered events as a frame, so that a reader sees them even if the recorder dies now. */
    public void flush() throws IOException {
        int events = (int) (eventCount - frameFirstEvent);
        if (events == 0) {
            return;
        }
        int length = encoder.size();
        int bound = (int) Zstd.compressBound(length);
        if (compressed.length < bound) {
            compressed = new byte[bound];
        }
        int size = zstd.compressByteArray(compressed, 0, compressed.length, encoder.array(), 0, length);
        writeFrame(FrameHeader.of(sequence, frameFirstEvent, events, length, compressed, size), size);
        encoder.reset();
        frameFirstEvent = eventCount;
    }

    /** Writes the buffered events and the end frame, which tells a reader the recording is complete. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
            writeFrame(FrameHeader.of(sequence, eventCount, 0, 0, compressed, 0), 0);
            channel.force(true);
        } finally {
            closed = true;
            zstd.close();
            channel.close();
        }
    }

    private void writeFrame(FrameHeader header, int payloadLength) throws IOException {
        writeFully(channel, header.encode(), ByteBuffer.wrap(compressed, 0, payloadLength));
        sequence++;
    }

    /** Writes the buffers in order, with as few writes as the kernel allows (one, nearly always). */
    private static void writeFully(FileChannel channel, ByteBuffer... buffers) throws IOException {
        for (ByteBuffer b : buffers) {
            while (b.hasRemaining()) {
                channel.write(buffers);
            }
        }
    }
}
