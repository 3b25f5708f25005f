package org.xrr.interposer.ptrace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A 64-bit hash of everything a process can write: with the registers, what tells one point of a
 * thread spinning in user space from another, since such a thread changes nothing else. Hashed in
 * native code, a megabyte at a time.
 */
public final class WritableMemoryHash {
    private WritableMemoryHash() {
    }

    /** The hash of the writable mappings of process {@code pid}, in address order, through thread {@code tid}. */
    public static long of(int pid, int tid) {
        List<String> maps;
        try {
            maps = Files.readAllLines(Path.of("/proc", Integer.toString(pid), "maps"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the mappings of process " + pid + ": " + e.getMessage(), e);
        }
        long hash = 0xcbf29ce484222325L;
        for (String line : maps) {
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (line.charAt(space + 1) != 'r' || line.charAt(space + 2) != 'w') {
                continue;
            }
            long start = Long.parseUnsignedLong(line, 0, dash, 16);
            long end = Long.parseUnsignedLong(line, dash + 1, space, 16);
            hash = LibXrr.xrr_hash_memory(tid, start, end - start, hash);
        }
        return hash;
    }
}
