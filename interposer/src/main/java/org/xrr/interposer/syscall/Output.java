package org.xrr.interposer.syscall;

import java.util.Objects;

/**
 * One thing a syscall writes into the caller's memory, described in terms of its arguments (by
 * index, 0 to 5) and its result. {@link SyscallOutputs} turns these into address ranges.
 *
 * <p>Pointers that are null never receive anything. Lengths come from the result or from values
 * the kernel wrote back whenever the ABI allows, so a range is what the kernel wrote, not what
 * the program offered; where the ABI leaves a choice, a description errs on the side of covering
 * more, since rewriting bytes that the kernel left alone with their own values changes nothing.
 */
public sealed interface Output {

    /** A fixed-size object at a pointer argument: a struct stat, a timespec, an int. */
    record Fixed(int pointer, int size, WriteCondition when) implements Output {
        public Fixed {
            checkArgument(pointer);
            checkPositive(size);
            Objects.requireNonNull(when);
        }
    }

    /**
     * As many elements as the result says, at most as many as the capacity argument allows: read's
     * bytes, getdents64's records, epoll_wait's events. Only a positive result writes anything.
     */
    record ResultCount(int pointer, int capacity, int elementSize) implements Output {
        public ResultCount {
            checkArgument(pointer);
            checkArgument(capacity);
            checkPositive(elementSize);
        }
    }

    /**
     * An array whose length in elements is an argument (an int in the kernel's prototype, so its low
     * 32 bits), at most {@code maxCount}: poll's pollfd array, whose revents the kernel fills in.
     */
    record ArgCount(int pointer, int count, int elementSize, int maxCount, WriteCondition when) implements Output {
        public ArgCount {
            checkArgument(pointer);
            checkArgument(count);
            checkPositive(elementSize);
            checkPositive(maxCount);
            Objects.requireNonNull(when);
        }
    }

    /** A select fd_set for {@code nfds} descriptors, in whole longs as the kernel copies it; written on success. */
    record FdSet(int pointer, int nfds) implements Output {
        public FdSet {
            checkArgument(pointer);
            checkArgument(nfds);
        }
    }

    /**
     * A buffer whose length the kernel writes back, on success, through a pointer to an int: a
     * sockaddr and its socklen_t, getsockopt's value and its length. Nothing is written when the
     * buffer pointer is null. The length written back can exceed what was copied when the buffer
     * was too small; it is taken as is, at most {@code maxLength}.
     */
    record WrittenBackLength(int buffer, int lengthPointer, int maxLength) implements Output {
        public WrittenBackLength {
            checkArgument(buffer);
            checkArgument(lengthPointer);
            checkPositive(maxLength);
        }
    }

    /** The result's bytes, spread in order over an iovec array: readv, preadv, process_vm_readv. */
    record IovecData(int iovecs, int count) implements Output {
        public IovecData {
            checkArgument(iovecs);
            checkArgument(count);
        }
    }

    /**
     * What recvmsg writes through its struct msghdr: the data over the iovecs (the result's bytes),
     * the peer's address with msg_namelen, the control messages with msg_controllen, and msg_flags.
     */
    record ReceivedMessage(int msghdr) implements Output {
        public ReceivedMessage {
            checkArgument(msghdr);
        }
    }

    /** recvmmsg: the first result entries of an mmsghdr array, each as recvmsg writes it plus its msg_len. */
    record ReceivedMessages(int mmsghdrs, int count) implements Output {
        public ReceivedMessages {
            checkArgument(mmsghdrs);
            checkArgument(count);
        }
    }

    /** sendmmsg: the msg_len of each of the first result entries of an mmsghdr array. */
    record SentMessageLengths(int mmsghdrs, int count) implements Output {
        public SentMessageLengths {
            checkArgument(mmsghdrs);
            checkArgument(count);
        }
    }

    /** {@code output}, only when some bits of {@code mask} are set in argument {@code flags} ({@code set}) or none are. */
    record IfFlags(int flags, long mask, boolean set, Output output) implements Output {
        public IfFlags {
            checkArgument(flags);
            Objects.requireNonNull(output);
        }
    }

    /** {@code output}, written into the memory of the task the call created rather than the caller's. */
    record InNewChild(Output output) implements Output {
        public InNewChild {
            Objects.requireNonNull(output);
        }
    }

    /** A fixed-size object written on success. */
    static Output fixed(int pointer, int size) {
        return new Fixed(pointer, size, WriteCondition.SUCCESS);
    }

    static Output fixed(int pointer, int size, WriteCondition when) {
        return new Fixed(pointer, size, when);
    }

    /** min(result, capacity) bytes. */
    static Output resultBytes(int pointer, int capacity) {
        return new ResultCount(pointer, capacity, 1);
    }

    static Output resultElements(int pointer, int capacity, int elementSize) {
        return new ResultCount(pointer, capacity, elementSize);
    }

    private static void checkArgument(int index) {
        if (index < 0 || index > 5) {
            throw new IllegalArgumentException("a syscall has arguments 0 to 5, not " + index);
        }
    }

    private static void checkPositive(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size " + size);
        }
    }
}
