package org.xrr.disasm.sites;

import org.xrr.disasm.x86.SiteKind;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Scan results on disk, one file per (build-id or content hash, scan options). An entry records
 * the size and modification time of the file it describes and the format version; it is trusted
 * only when those match and its CRC-32 checks, so a rebuilt library with a reused build-id, an
 * older xrr's entry or a damaged file is rescanned, never believed.
 */
public final class SiteCache {
    /** Bump when the scanner's results or this format change: older entries then read as stale. */
    static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x58525253; // "XRRS"

    private final Path dir;

    public SiteCache(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The identity of one scanned file: key plus the facts that tell whether an entry still describes it. */
    public record Key(String id, ScanOptions options, long fileSize, long modifiedNanos) {
        String fileName() {
            return id + (options.syscalls() ? "-syscalls" : "") + ".sites";
        }
    }

    /** The outcome of a lookup: sites when {@code status} is HIT. */
    public record Lookup(CacheStatus status, List<Site> sites) {
    }

    public Lookup lookup(Key key) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(dir.resolve(key.fileName()));
        } catch (NoSuchFileException e) {
            return new Lookup(CacheStatus.MISS, List.of());
        } catch (IOException e) {
            return new Lookup(CacheStatus.CORRUPT, List.of());
        }
        if (raw.length < 8 || crc(raw, raw.length - 4) != readInt(raw, raw.length - 4)) {
            return new Lookup(CacheStatus.CORRUPT, List.of());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw, 0, raw.length - 4))) {
            if (in.readInt() != MAGIC) {
                return new Lookup(CacheStatus.CORRUPT, List.of());
            }
            if (in.readInt() != FORMAT_VERSION || in.readLong() != key.fileSize() || in.readLong() != key.modifiedNanos()) {
                return new Lookup(CacheStatus.STALE, List.of());
            }
            int count = in.readInt();
            List<Site> sites = new ArrayList<>(count);
            SiteKind[] kinds = SiteKind.values();
            for (int i = 0; i < count; i++) {
                int kind = in.readUnsignedByte();
                if (kind >= kinds.length) {
                    return new Lookup(CacheStatus.CORRUPT, List.of());
                }
                long address = in.readLong();
                long fileOffset = in.readLong();
                byte[] bytes = new byte[in.readUnsignedByte()];
                in.readFully(bytes);
                String symbol = in.readUTF();
                long symbolOffset = in.readLong();
                sites.add(new Site(kinds[kind], address, fileOffset, bytes, symbol, symbolOffset));
            }
            if (in.available() != 0) {
                return new Lookup(CacheStatus.CORRUPT, List.of());
            }
            return new Lookup(CacheStatus.HIT, List.copyOf(sites));
        } catch (IOException e) {
            return new Lookup(CacheStatus.CORRUPT, List.of());
        }
    }

    /** Writes an entry atomically, so a reader never sees half of one. */
    public void store(Key key, List<Site> sites) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + sites.size() * 48);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeLong(key.fileSize());
            out.writeLong(key.modifiedNanos());
            out.writeInt(sites.size());
            for (Site s : sites) {
                out.writeByte(s.kind().ordinal());
                out.writeLong(s.address());
                out.writeLong(s.fileOffset());
                out.writeByte(s.bytes().length);
                out.write(s.bytes());
                out.writeUTF(s.symbol());
                out.writeLong(s.symbolOffset());
            }
        }
        byte[] body = buffer.toByteArray();
        byte[] entry = new byte[body.length + 4];
        System.arraycopy(body, 0, entry, 0, body.length);
        writeInt(entry, body.length, crc(body, body.length));
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, key.fileName(), ".tmp");
        try {
            Files.write(tmp, entry);
            Files.move(tmp, dir.resolve(key.fileName()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static int crc(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        return (int) crc.getValue();
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
