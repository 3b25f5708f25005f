package org.xrr.interposer.ptrace;

import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Reads and writes a stopped task's memory in bulk: one process_vm_readv or process_vm_writev
 * for what would be thousands of word-sized peeks and pokes. Writes to pages the task may not
 * write (code, read-only data) go through /proc/TID/mem, which a tracer may use.
 */
public final class TaskMemory {
    private TaskMemory() {
    }

    /** Reads {@code length} bytes at {@code address} into {@code buffer}; false if any cannot be read. */
    public static boolean read(int tid, long address, byte[] buffer, int length) {
        return length == 0 || LibXrr.xrr_read_memory(tid, address, buffer, length) == length;
    }

    public static byte[] read(int tid, long address, int length) throws IOException {
        byte[] out = new byte[length];
        if (!read(tid, address, out, length)) {
            throw new IOException("task " + tid + ": " + length + " bytes at 0x" + Long.toHexString(address) + " are not readable");
        }
        return out;
    }

    /**
     * Writes the first {@code length} bytes of {@code data} at {@code address}, only where the
     * task itself may write, as a store instruction would; false if any byte is not writable.
     */
    public static boolean writeAsTask(int tid, long address, byte[] data, int length) {
        return length == 0 || LibXrr.xrr_write_memory(tid, address, data, length) == length;
    }

    public static void write(int tid, long address, byte[] data) throws IOException {
        if (data.length == 0 || LibXrr.xrr_write_memory(tid, address, data, data.length) == data.length) {
            return;
        }
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + tid + "/mem", "rw")) {
            mem.seek(address);
            mem.write(data);
        } catch (IOException e) {
            throw new IOException("task " + tid + ": cannot write " + data.length + " bytes at 0x" + Long.toHexString(address)
                    + ": " + e.getMessage(), e);
        }
    }
}
