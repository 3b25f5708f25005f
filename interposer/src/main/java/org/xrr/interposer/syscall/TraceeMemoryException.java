package org.xrr.interposer.syscall;

/**
 * Memory that the kernel read or wrote for a syscall cannot be read back at its exit: the
 * recording cannot say what the call wrote.
 */
public final class TraceeMemoryException extends RuntimeException {
    TraceeMemoryException(String syscall, String what, long address, int length) {
        super("cannot read " + syscall + "'s " + what + " at 0x" + Long.toHexString(address) + " (" + length + " bytes)");
    }
}
