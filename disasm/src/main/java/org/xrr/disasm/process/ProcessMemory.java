package org.xrr.disasm.process;

import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Reads another process's memory through /proc/PID/mem. Needs the same permission as ptrace
 * attach (root, or a tracer of the process).
 */
public final class ProcessMemory implements AutoCloseable {
    private final int pid;
    private final RandomAccessFile mem;

    public ProcessMemory(int pid) throws IOException {
        this.pid = pid;
        try {
            this.mem = new RandomAccessFile("/proc/" + pid + "/mem", "r");
        } catch (IOException e) {
            throw new IOException("cannot read the memory of process " + pid + " (" + e.getMessage()
                    + "): this needs root or ptrace permission over it", e);
        }
    }

    public byte[] read(long address, int length) throws IOException {
        byte[] out = new byte[length];
        mem.seek(address);
        int done = 0;
        while (done < length) {
            int n = mem.read(out, done, length - done);
            if (n < 0) {
                throw new IOException("process " + pid + ": memory at 0x" + Long.toHexString(address + done) + " is not readable");
            }
            done += n;
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        mem.close();
    }
}
