package org.xrr.disasm.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code cpuprobe jit}: a process with a CPUID stub in anonymous executable memory,
 * waiting until closed.
 */
public final class JitProbe implements AutoCloseable {
    private final Process process;
    private final long stubAddress;

    public JitProbe() throws IOException {
        process = new ProcessBuilder(NativePrograms.cpuprobe().toString(), "jit").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String stub = out.readLine();
        String ready = out.readLine();
        if (stub == null || !stub.startsWith("stub 0x") || !"ready".equals(ready)) {
            process.destroyForcibly();
            throw new IOException("cpuprobe jit said " + stub + " / " + ready);
        }
        stubAddress = Long.parseUnsignedLong(stub.substring("stub 0x".length()), 16);
    }

    public int pid() {
        return (int) process.pid();
    }

    public long stubAddress() {
        return stubAddress;
    }

    @Override
    public void close() throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write('\n');
        } catch (IOException alreadyGone) {
            // the probe exits on its own once stdin closes
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
