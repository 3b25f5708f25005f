package org.xrr.interposer.trace;

import java.util.Arrays;

/** Bytes written into a tracee's memory at an address: by the kernel, or by an emulated instruction. */
public record MemoryWrite(long address, byte[] bytes) {
    public MemoryWrite {
        bytes = bytes.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The bytes themselves, for the encoder, which only reads them. */
    byte[] shared() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemoryWrite w && address == w.address && Arrays.equals(bytes, w.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(address) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "MemoryWrite[0x" + Long.toHexString(address) + ", " + bytes.length + " bytes]";
    }
}
