package org.xrr.interposer.trace;

import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged events files: every one is a {@link TraceFormatException} after the intact prefix, never anything else. */
class TraceDamageTest {
    private static final Duration READ_BOUND = Duration.ofSeconds(2);
    private static final Path NAME = Path.of("trace", "events");

    @TempDir
    Path tmp;

    /** Every kind of event and a few hundred syscalls, in frames of 2 KiB. */
    private List<TraceEvent> events;
    private byte[] intact;

    @BeforeEach
    void writeTrace() throws IOException {
        List<TraceEvent> mixed = new ArrayList<>(SampleEvents.oneOfEach());
        mixed.addAll(SampleEvents.syscallHeavy(200, 4));
        events = List.copyOf(mixed);
        intact = write(events, 2048);
    }

    @Test
    void aTruncatedTraceGivesItsIntactPrefixThenAnError() throws IOException {
        List<TraceEvent> small = SampleEvents.syscallHeavy(30, 5);
        byte[] whole = write(small, 256);
        for (int length = 0; length < whole.length; length++) {
            TraceFormatException e = readDamaged(Arrays.copyOf(whole, length), small, "truncated to " + length + " bytes");
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("cut short"),
                    length + " bytes: " + e.getMessage());
        }
    }

    @Test
    void mutationsAreErrorsNeverCrashesOrHangs() {
        Random random = new Random(20_240_531);
        for (int i = 0; i < 3000; i++) {
            readDamaged(mutate(intact, random), events, "mutation " + i);
        }
    }

    @Test
    void aDamagedFileOnDiskIsReadTheSameWay() throws IOException {
        Path file = tmp.resolve("events");
        Files.write(file, Arrays.copyOf(intact, intact.length - 100));
        List<TraceEvent> read = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(file)) {
            TraceFormatException e = assertThrows(TraceFormatException.class, () -> Traces.readInto(reader, read));
            assertEquals(file, e.file());
            assertTrue(e.getMessage().startsWith(file + ": event " + read.size() + ": frame "), e.getMessage());
        }
        assertEquals(events.subList(0, read.size()), read);
    }

    /**
     * Damage the checksum cannot see (a writer's bug, or a collision) reaches the event decoder:
     * it too must end in events or a {@link TraceFormatException}, never another exception.
     */
    @Test
    void damageBehindAValidChecksumIsStillOnlyEventsOrAnError() throws IOException {
        Random random = new Random(77);
        EventEncoder encoder = new EventEncoder(4096);
        events.subList(0, 40).forEach(encoder::encode);
        byte[] payload = Arrays.copyOf(encoder.array(), encoder.size());
        for (int i = 0; i < 500; i++) {
            byte[] content = frameOf(mutate(payload, random), 40);
            Throwable thrown = assertTimeoutPreemptively(READ_BOUND, () -> {
                try (TraceReader reader = TraceReader.open(new SeekableInMemoryByteChannel(content), NAME)) {
                    Traces.readInto(reader, new ArrayList<>());
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            if (thrown != null && !(thrown instanceof TraceFormatException)) {
                throw new AssertionError("payload mutation " + i + ": expected events or a TraceFormatException, got "
                        + thrown, thrown);
            }
        }
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertProblem(patch(0, (byte) 'Y'), 0, "bad magic");
        assertProblem(patch(8, (byte) 2), 0, "unsupported format version 2; this xrr reads version 1");
        assertProblem(patch(TraceFormat.FILE_HEADER_BYTES + 40, (byte) 0), 0, "frame 0: checksum mismatch");
        assertProblem(Arrays.copyOf(intact, intact.length - 1), events.size(), "frame");
        assertProblem(Arrays.copyOf(intact, intact.length + 3), events.size(), "3 bytes follow the end frame");
        assertProblem(patch(TraceFormat.FILE_HEADER_BYTES, (byte) 0), 0, "frame 0 at byte 12 does not start with the frame magic");
    }

    /** A frame whose checksum holds but whose events do not decode: the decoder's own checks name the event. */
    @Test
    void aFrameThatChecksOutButDoesNotDecodeNamesTheEvent() {
        byte[] unknownKind = {0x7f, 1};
        assertProblem(frameOf(unknownKind, 1), 0, "unknown event kind 0x7f");
        byte[] overflow = {1, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f};
        assertProblem(frameOf(overflow, 1), 0, "varint overflow");
        byte[] hugeString = {5, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0, 0, 0, 0};
        assertProblem(frameOf(hugeString, 1), 0, "a string length of 4294967295 exceeds the 4 bytes left in frame 0");
        byte[] twoExits = {6, 1, 0, 0, (byte) (6 | TraceFormat.SAME_TID), 0, 0};
        List<TraceEvent> exits = List.of(new ExitEvent(1, 0, 0), new ExitEvent(1, 0, 0));
        assertProblem(frameOf(twoExits, 3), exits, 2, "frame 0 ends inside this event");
        assertProblem(frameOf(twoExits, 1), exits, 0, "frame 0 holds 3 bytes after the last of its events");
        byte[] badStatus = {6, 1, (byte) 0x80, 0x02, 0};
        assertProblem(frameOf(badStatus, 1), 0, "invalid exit event: exit status 256 is not between 0 and 255");
    }

    private byte[] write(List<TraceEvent> trace, int chunkBytes) throws IOException {
        Path file = tmp.resolve("intact");
        Files.deleteIfExists(file);
        Traces.write(file, trace, chunkBytes);
        return Files.readAllBytes(file);
    }

    /** Reads a damaged trace, under a time bound; its readable prefix must be that of {@code original}. */
    private static TraceFormatException readDamaged(byte[] content, List<TraceEvent> original, String what) {
        List<TraceEvent> read = new ArrayList<>();
        Throwable thrown = assertTimeoutPreemptively(READ_BOUND, () -> {
            try (TraceReader reader = TraceReader.open(new SeekableInMemoryByteChannel(content), NAME)) {
                Traces.readInto(reader, read);
                return null;
            } catch (Throwable t) {
                return t;
            }
        }, what);
        if (!(thrown instanceof TraceFormatException e)) {
            throw new AssertionError(what + ": expected a TraceFormatException, got " + thrown, thrown);
        }
        assertEquals(read.size(), e.eventIndex(), what + ": the index names the first event not read");
        assertEquals(original.subList(0, read.size()), read, what + ": the events before the error are intact");
        assertEquals(1, e.getMessage().lines().count(), what);
        assertTrue(e.getMessage().startsWith(NAME + ": event " + e.eventIndex() + ": "), e.getMessage());
        return e;
    }

    private void assertProblem(byte[] content, long index, String problem) {
        assertProblem(content, events, index, problem);
    }

    private static void assertProblem(byte[] content, List<TraceEvent> original, long index, String problem) {
        TraceFormatException e = readDamaged(content, original, problem);
        assertEquals(index, e.eventIndex(), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private byte[] patch(int offset, byte value) {
        byte[] b = intact.clone();
        b[offset] = value;
        return b;
    }

    /** A file holding one frame with this payload, checksummed, and the end frame: only the events are wrong. */
    private byte[] frameOf(byte[] payload, int eventCount) {
        byte[] compressed = com.github.luben.zstd.Zstd.compress(payload);
        FrameHeader data = FrameHeader.of(0, 0, eventCount, payload.length, compressed, compressed.length);
        FrameHeader end = FrameHeader.of(1, eventCount, 0, 0, compressed, 0);
        ByteBuffer b = ByteBuffer.allocate(TraceFormat.FILE_HEADER_BYTES + 2 * FrameHeader.BYTES + compressed.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(TraceFormat.FILE_MAGIC).putInt(TraceFormat.VERSION).put(data.encode()).put(compressed).put(end.encode());
        return b.array();
    }

    /** One random change: bits flipped, bytes overwritten, inserted, deleted or repeated, or the file cut. */
    private static byte[] mutate(byte[] original, Random random) {
        while (true) {
            byte[] b = switch (random.nextInt(6)) {
                case 0 -> flipBits(original, random);
                case 1 -> overwrite(original, random);
                case 2 -> insert(original, random);
                case 3 -> delete(original, random);
                case 4 -> repeat(original, random);
                default -> Arrays.copyOf(original, random.nextInt(original.length));
            };
            if (!Arrays.equals(b, original)) {
                return b;
            }
        }
    }

    private static byte[] flipBits(byte[] original, Random random) {
        byte[] b = original.clone();
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private static byte[] overwrite(byte[] original, Random random) {
        byte[] b = original.clone();
        int at = random.nextInt(b.length);
        byte[] noise = SampleEvents.bytes(random, Math.min(1 + random.nextInt(16), b.length - at));
        System.arraycopy(noise, 0, b, at, noise.length);
        return b;
    }

    private static byte[] insert(byte[] original, Random random) {
        int at = random.nextInt(original.length + 1);
        byte[] noise = SampleEvents.bytes(random, 1 + random.nextInt(16));
        return splice(original, at, at, noise);
    }

    private static byte[] delete(byte[] original, Random random) {
        int at = random.nextInt(original.length);
        return splice(original, at, Math.min(original.length, at + 1 + random.nextInt(64)), new byte[0]);
    }

    private static byte[] repeat(byte[] original, Random random) {
        int at = random.nextInt(original.length);
        int end = Math.min(original.length, at + 1 + random.nextInt(256));
        return splice(original, at, at, Arrays.copyOfRange(original, at, end));
    }

    private static byte[] splice(byte[] original, int from, int to, byte[] replacement) {
        byte[] b = new byte[original.length - (to - from) + replacement.length];
        System.arraycopy(original, 0, b, 0, from);
        System.arraycopy(replacement, 0, b, from, replacement.length);
        System.arraycopy(original, to, b, from + replacement.length, original.length - to);
        return b;
    }

    @Test
    void aReaderAfterAnErrorKeepsReportingIt() throws IOException {
        byte[] half = Arrays.copyOf(intact, intact.length / 2);
        try (TraceReader reader = TraceReader.open(new SeekableInMemoryByteChannel(half), NAME)) {
            TraceFormatException first = assertThrows(TraceFormatException.class, () -> Traces.readInto(reader, new ArrayList<>()));
            TraceFormatException again = assertThrows(TraceFormatException.class, reader::next);
            assertEquals(first.getMessage(), again.getMessage());
        }
    }
}
