package org.xrr.interposer.syscall;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.xrr.interposer.syscall.AbiSizes.INT;
import static org.xrr.interposer.syscall.AbiSizes.IOVEC;
import static org.xrr.interposer.syscall.AbiSizes.MAX_FDS;
import static org.xrr.interposer.syscall.AbiSizes.MAX_IOVECS;
import static org.xrr.interposer.syscall.AbiSizes.MAX_WRITTEN_BACK_LENGTH;
import static org.xrr.interposer.syscall.AbiSizes.MMSGHDR;
import static org.xrr.interposer.syscall.AbiSizes.MSGHDR;
import static org.xrr.interposer.syscall.AbiSizes.SOCKADDR_STORAGE;

/**
 * Computes, at a syscall's exit, the address ranges the kernel wrote into the caller's memory, from
 * the table's {@link Output} descriptions, the arguments, the result and, for what lives in memory
 * (iovec arrays, a msghdr, lengths written back), the memory itself.
 *
 * <p>What is read from the tracee is bounded by what the kernel could have written: iovecs are
 * walked only until the result's bytes are placed, counts are cut at the kernel's own limits. One
 * instance serves one tracer thread; it reads through a buffer it owns and allocates nothing.
 */
public final class SyscallOutputs {
    /** iovecs read per request; a call whose result fits in the first few reads no more. */
    private static final int IOVECS_PER_READ = 64;
    private static final int MSG_NAME = 0;
    private static final int MSG_NAMELEN = 8;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    private static final int MMSG_LEN = 56;

    private final byte[] buffer = new byte[IOVECS_PER_READ * IOVEC];
    private final ByteBuffer view = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
    private Syscall syscall;
    private long[] args;
    private long result;
    private TraceeMemory memory;
    private WrittenRanges into;

    /**
     * Fills {@code into} with what {@code syscall}, called with {@code args} (six values), wrote
     * before returning {@code result}. Ranges marked {@link WrittenRanges#inNewChild} are in the
     * memory of the task a clone created.
     *
     * @throws IllegalArgumentException the call is not supported ({@link SyscallTable#supports}): the recorder stops before
     * @throws TraceeMemoryException    memory the kernel used for the call cannot be read back
     */
    public void compute(Syscall syscall, long[] args, long result, TraceeMemory memory, WrittenRanges into) {
        if (!syscall.supports(args)) {
            throw new IllegalArgumentException("syscall " + syscall + " with these arguments is not supported");
        }
        into.clear();
        this.syscall = syscall;
        this.args = args;
        this.result = result;
        this.memory = memory;
        this.into = into;
        collect(syscall.outputArray(), false);
        if (syscall.subcommands() != null) {
            collect(syscall.subcommands().lookup(args).outputArray(), false);
        }
    }

    private void collect(Output[] outputs, boolean child) {
        for (Output output : outputs) {
            collect(output, child);
        }
    }

    private void collect(Output output, boolean child) {
        if (output instanceof Output.Fixed f) {
            if (f.when().holds(result)) {
                into.add(args[f.pointer()], f.size(), child);
            }
        } else if (output instanceof Output.ResultCount r) {
            if (result > 0) {
                into.add(args[r.pointer()], unsignedMin(result, args[r.capacity()]) * r.elementSize(), child);
            }
        } else if (output instanceof Output.ArgCount a) {
            if (a.when().holds(result)) {
                long count = Math.min(args[a.count()] & 0xffffffffL, a.maxCount());
                into.add(args[a.pointer()], count * a.elementSize(), child);
            }
        } else if (output instanceof Output.FdSet s) {
            int nfds = (int) args[s.nfds()];
            if (result >= 0 && nfds > 0) {
                into.add(args[s.pointer()], (Math.min(nfds, MAX_FDS) + 63L) / 64 * 8, child);
            }
        } else if (output instanceof Output.WrittenBackLength w) {
            if (result >= 0 && args[w.buffer()] != 0 && args[w.lengthPointer()] != 0) {
                addWrittenBackLength(args[w.buffer()], args[w.lengthPointer()], w.maxLength(), child);
            }
        } else if (output instanceof Output.IovecData v) {
            if (result > 0) {
                addIovecData(args[v.iovecs()], args[v.count()], result, child);
            }
        } else if (output instanceof Output.ReceivedMessage m) {
            if (result >= 0) {
                addReceivedMessage(args[m.msghdr()], result, child);
            }
        } else if (output instanceof Output.ReceivedMessages m) {
            addMessageVector(args[m.mmsghdrs()], args[m.count()], true, child);
        } else if (output instanceof Output.SentMessageLengths m) {
            addMessageVector(args[m.mmsghdrs()], args[m.count()], false, child);
        } else if (output instanceof Output.IfFlags f) {
            if (((args[f.flags()] & f.mask()) != 0) == f.set()) {
                collect(f.output(), child);
            }
        } else if (output instanceof Output.InNewChild c) {
            collect(c.output(), true);
        } else {
            throw new IllegalStateException("no rule for " + output);
        }
    }

    /** A buffer whose length the kernel wrote back through an int pointer, and that int. */
    private void addWrittenBackLength(long buffer, long lengthPointer, int maxLength, boolean child) {
        into.add(lengthPointer, INT, child);
        read(lengthPointer, INT, "written-back length");
        into.add(buffer, Math.min(Integer.toUnsignedLong(view.getInt(0)), maxLength), child);
    }

    /** {@code bytes} spread over the iovec array, in order; at most 1024 iovecs (UIO_MAXIOV) are looked at. */
    private void addIovecData(long iovecs, long count, long bytes, boolean child) {
        long n = Long.compareUnsigned(count, MAX_IOVECS) > 0 ? MAX_IOVECS : count;
        long remaining = bytes;
        for (long i = 0; i < n && remaining > 0; i += IOVECS_PER_READ) {
            int chunk = (int) Math.min(IOVECS_PER_READ, n - i);
            read(iovecs + i * IOVEC, chunk * IOVEC, "iovec array");
            for (int j = 0; j < chunk && remaining > 0; j++) {
                long base = view.getLong(j * IOVEC);
                long length = unsignedMin(view.getLong(j * IOVEC + 8), remaining);
                into.add(base, length, child);
                remaining -= length;
            }
        }
    }

    /**
     * What recvmsg wrote for one struct msghdr, with {@code bytes} of data: the data, the peer's
     * address and msg_namelen (only when msg_name is set), msg_controllen and the control messages
     * it counts, and msg_flags.
     */
    private void addReceivedMessage(long msghdr, long bytes, boolean child) {
        read(msghdr, MSGHDR, "struct msghdr");
        long name = view.getLong(MSG_NAME);
        long nameLength = Math.min(Integer.toUnsignedLong(view.getInt(MSG_NAMELEN)), SOCKADDR_STORAGE);
        long iovecs = view.getLong(MSG_IOV);
        long iovecCount = view.getLong(MSG_IOVLEN);
        long control = view.getLong(MSG_CONTROL);
        long controlLength = unsignedMin(view.getLong(MSG_CONTROLLEN), MAX_WRITTEN_BACK_LENGTH);
        if (name != 0) {
            into.add(msghdr + MSG_NAMELEN, INT, child);
            into.add(name, nameLength, child);
        }
        into.add(msghdr + MSG_CONTROLLEN, 8, child);
        into.add(control, controlLength, child);
        into.add(msghdr + MSG_FLAGS, INT, child);
        if (bytes > 0) {
            addIovecData(iovecs, iovecCount, bytes, child);
        }
    }

    /**
     * recvmmsg and sendmmsg: the first result entries of an mmsghdr array (the kernel takes at most
     * 1024 of them), each with its msg_len, and for recvmmsg what recvmsg
     * writes with msg_len bytes of data.
     */
    private void addMessageVector(long mmsghdrs, long vlen, boolean received, boolean child) {
        long n = Math.min(result, Math.min(vlen & 0xffffffffL, MAX_IOVECS));
        for (long i = 0; i < n; i++) {
            long entry = mmsghdrs + i * MMSGHDR;
            into.add(entry + MMSG_LEN, INT, child);
            if (received) {
                read(entry + MMSG_LEN, INT, "mmsghdr msg_len");
                addReceivedMessage(entry, Integer.toUnsignedLong(view.getInt(0)), child);
            }
        }
    }

    private void read(long address, int length, String what) {
        if (!memory.read(address, buffer, length)) {
            throw new TraceeMemoryException(syscall.name(), what, address, length);
        }
    }

    /** The smaller of two values the kernel takes as unsigned (sizes, counts). */
    private static long unsignedMin(long a, long b) {
        return Long.compareUnsigned(a, b) < 0 ? a : b;
    }
}
