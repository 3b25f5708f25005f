package org.xrr.interposer.ptrace;

import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Reads and writes a stopped task's memory in bulk through /proc/TID/mem, which a tracer may
 * use: one call for what would be thousands of word-sized peeks and pokes.
 */
public final class TaskMemory {
    private TaskMemory() {
    }

    /** Reads {@code length} bytes at {@code address} into {@code buffer}; false if any cannot be read. */
    public static boolean read(int tid, long address, byte[] buffer, int length) {
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + tid + "/mem", "r")) {
            mem.seek(address);
            int done = 0;
            while (done < length) {
                int n = mem.read(buffer, done, length - done);
                if (n <= 0) {
                    return false;
                }
                done += n;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static byte[] read(int tid, long address, int length) throws IOException {
        byte[] out = new byte[length];
        if (!read(tid, address, out, length)) {
            throw new IOException("task " + tid + ": " + length + " bytes at 0x" + Long.toHexString(address) + " are not readable");
        }
        return out;
    }

    public static void write(int tid, long address, byte[] data) throws IOException {
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + tid + "/mem", "rw")) {
            mem.seek(address);
            mem.write(data);
        } catch (IOException e) {
            throw new IOException("task " + tid + ": cannot write " + data.length + " bytes at 0x" + Long.toHexString(address)
                    + ": " + e.getMessage(), e);
        }
    }
}
