package org.xrr.interposer.syscall;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;

/** A stopped tracee's memory through /proc/PID/mem, which its tracer may read. */
final class ProcessMemory implements TraceeMemory, AutoCloseable {
    private final RandomAccessFile mem;

    ProcessMemory(int pid) {
        try {
            mem = new RandomAccessFile("/proc/" + pid + "/mem", "r");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean read(long address, byte[] buffer, int length) {
        try {
            mem.seek(address);
            mem.readFully(buffer, 0, length);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        mem.close();
    }
}
