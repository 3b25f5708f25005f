package org.xrr.interposer.syscall;

/**
 * Reads a stopped tracee's memory: process_vm_readv or ptrace in production, a byte array in tests.
 * {@link SyscallOutputs} reads only small things through it (iovec arrays, a msghdr, a length
 * the kernel wrote back), into a buffer it owns.
 */
@FunctionalInterface
public interface TraceeMemory {
    /**
     * Copies {@code length} bytes at {@code address} into {@code buffer[0..length)}; returns false
     * if any of them cannot be read.
     */
    boolean read(long address, byte[] buffer, int length);
}
