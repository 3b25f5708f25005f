package org.xrr.interposer.cpu;

/**
 * A CPU profile that cannot be read. The message names the file and, where there is one, the
 * field: {@code haswell.json: leaves[3].eax: not a hex value: "0xzz"}.
 */
public final class CpuProfileException extends Exception {
    public CpuProfileException(String message) {
        super(message);
    }

    public CpuProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
