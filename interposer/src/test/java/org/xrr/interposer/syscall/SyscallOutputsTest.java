package org.xrr.interposer.syscall;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of output description, computed against fake memory, including hostile values. */
class SyscallOutputsTest {
    private static final long EINTR = -4;
    private static final long EBADF = -9;
    private static final long EAGAIN = -11;
    private static final long EFAULT = -14;
    private static final long EINVAL = -22;
    private static final long ENOTTY = -25;
    private static final long ERESTART_RESTARTBLOCK = -516;

    private final FakeMemory memory = new FakeMemory();
    private final SyscallOutputs outputs = new SyscallOutputs();
    private final WrittenRanges ranges = new WrittenRanges();

    private List<String> compute(String syscall, long result, long... args) {
        outputs.compute(SyscallTable.byName(syscall).orElseThrow(), Arrays.copyOf(args, 6), result, memory, ranges);
        List<String> list = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            list.add(range(ranges.address(i), ranges.length(i)) + (ranges.inNewChild(i) ? " child" : ""));
        }
        return list;
    }

    private static String range(long address, long length) {
        return "0x" + Long.toHexString(address) + "+" + length;
    }

    private static List<String> ranges(Object... addressLengthPairs) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < addressLengthPairs.length; i += 2) {
            list.add(range(((Number) addressLengthPairs[i]).longValue(), ((Number) addressLengthPairs[i + 1]).longValue()));
        }
        return list;
    }

    @ParameterizedTest(name = "{0} writes {2} bytes at argument {1}")
    @CsvSource({
        "fstat, 1, 144", "stat, 1, 144", "lstat, 1, 144", "newfstatat, 2, 144", "statx, 4, 256",
        "statfs, 1, 120", "fstatfs, 1, 120", "uname, 0, 390", "sysinfo, 0, 112", "times, 0, 32",
        "getrusage, 1, 144", "getrlimit, 1, 16", "prlimit64, 3, 16", "clock_gettime, 1, 16", "clock_getres, 1, 16",
        "time, 0, 8", "pipe, 0, 8", "pipe2, 0, 8", "socketpair, 3, 8", "rt_sigaction, 2, 32", "rt_sigprocmask, 2, 8",
        "sigaltstack, 1, 24", "getitimer, 1, 32", "setitimer, 2, 32", "timerfd_settime, 3, 32", "timerfd_gettime, 1, 32",
        "sched_rr_get_interval, 1, 16", "splice, 1, 8",
    })
    void fixedSizeObjectOnSuccess(String syscall, int pointer, int size) {
        long[] args = new long[6];
        args[pointer] = 0x10000;
        assertEquals(ranges(0x10000, size), compute(syscall, 0, args));
        assertEquals(List.of(), compute(syscall, EFAULT, args), "a failed call writes nothing");
        assertEquals(List.of(), compute(syscall, 0, new long[6]), "nothing is written through a null pointer");
    }

    @Test
    void gettimeofdayWritesTheTimeAndTheZoneWhenAsked() {
        assertEquals(ranges(0x1000, 16, 0x2000, 8), compute("gettimeofday", 0, 0x1000, 0x2000));
        assertEquals(ranges(0x1000, 16), compute("gettimeofday", 0, 0x1000, 0));
    }

    @ParameterizedTest(name = "{0}: the result''s bytes at argument {1}, at most argument {2}")
    @CsvSource({
        "read, 1, 2", "pread64, 1, 2", "getdents64, 1, 2", "getdents, 1, 2", "readlink, 1, 2", "readlinkat, 2, 3",
        "getcwd, 0, 1", "getrandom, 0, 1", "getxattr, 2, 3", "lgetxattr, 2, 3", "fgetxattr, 2, 3", "listxattr, 1, 2",
        "sched_getaffinity, 2, 1", "recvfrom, 1, 2",
    })
    void resultBytesBoundedByTheCapacity(String syscall, int pointer, int capacity) {
        long[] args = new long[6];
        args[pointer] = 0x20000;
        args[capacity] = 4096;
        assertEquals(ranges(0x20000, 100), compute(syscall, 100, args));
        assertEquals(ranges(0x20000, 4096), compute(syscall, 1 << 20, args), "a result past the capacity is cut to it");
        assertEquals(List.of(), compute(syscall, 0, args));
        assertEquals(List.of(), compute(syscall, EAGAIN, args));
    }

    @Test
    void getxattrWithSizeZeroOnlyReportsTheSize() {
        assertEquals(List.of(), compute("getxattr", 24, 0x1000, 0x2000, 0x3000, 0));
    }

    @Test
    void epollWaitWritesTwelveBytesPerEvent() {
        assertEquals(ranges(0x3000, 36), compute("epoll_wait", 3, 4, 0x3000, 8, -1));
        assertEquals(ranges(0x3000, 96), compute("epoll_pwait2", 100, 4, 0x3000, 8), "at most maxevents");
    }

    @Test
    void getgroupsWritesResultGids() {
        assertEquals(ranges(0x3000, 12), compute("getgroups", 3, 32, 0x3000));
        assertEquals(List.of(), compute("getgroups", 3, 0, 0x3000), "size 0 asks for the count only");
    }

    @Test
    void pollWritesItsArrayOnSuccessAndInterruption() {
        assertEquals(ranges(0x4000, 24), compute("poll", 1, 0x4000, 3, 100));
        assertEquals(ranges(0x4000, 24), compute("poll", 0, 0x4000, 3, 100));
        assertEquals(ranges(0x4000, 24), compute("poll", EINTR, 0x4000, 3, 100));
        assertEquals(ranges(0x4000, 24), compute("poll", ERESTART_RESTARTBLOCK, 0x4000, 3, 100));
        assertEquals(List.of(), compute("poll", EINVAL, 0x4000, 3, 100));
        assertEquals(ranges(0x4000, 24, 0x5000, 16), compute("ppoll", 1, 0x4000, 3, 0x5000));
    }

    @Test
    void pollCountIsAnIntAndBounded() {
        assertEquals(ranges(0x4000, 16), compute("poll", 1, 0x4000, 0x1_0000_0002L, 0), "the kernel reads nfds as an unsigned int");
        assertEquals(ranges(0x4000, (1 << 20) * 8L), compute("poll", 1, 0x4000, 0xffff_ffffL, 0));
    }

    @Test
    void selectWritesItsSetsOnSuccessAndItsTimeoutUnlessFaulted() {
        assertEquals(ranges(0x5000, 16, 0x5100, 16, 0x5200, 16), compute("select", 1, 65, 0x5000, 0, 0x5100, 0x5200));
        assertEquals(ranges(0x5000, 8, 0x5200, 16), compute("pselect6", 0, 64, 0x5000, 0, 0, 0x5200));
        assertEquals(ranges(0x5200, 16), compute("select", EBADF, 65, 0x5000, 0, 0x5100, 0x5200));
        assertEquals(ranges(0x5200, 16), compute("select", EINTR, 65, 0x5000, 0, 0x5100, 0x5200));
        assertEquals(List.of(), compute("select", EFAULT, 65, 0x5000, 0, 0x5100, 0x5200));
        assertEquals(List.of(), compute("select", 0, -1, 0x5000, 0, 0, 0), "a negative nfds has no sets");
    }

    @Test
    void socketAddressTakesTheLengthTheKernelWroteBack() {
        memory.map(0x6100, 4).putInt(16);
        assertEquals(ranges(0x6100, 4, 0x6000, 16), compute("accept", 5, 3, 0x6000, 0x6100));
        assertEquals(ranges(0x6100, 4, 0x6000, 16), compute("getpeername", 0, 3, 0x6000, 0x6100));
        assertEquals(List.of(), compute("getpeername", -88, 3, 0x6000, 0x6100), "ENOTSOCK");
        assertEquals(List.of(), compute("accept", 5, 3, 0, 0), "no address asked for");
        assertEquals(ranges(0x7000, 10, 0x6100, 4, 0x6000, 16), compute("recvfrom", 10, 3, 0x7000, 100, 0, 0x6000, 0x6100));
        assertEquals(ranges(0x7000, 10), compute("recvfrom", 10, 3, 0x7000, 100, 0, 0, 0));
    }

    @Test
    void writtenBackLengthIsBounded() {
        memory.map(0x6100, 4).putInt(-1);
        assertEquals(ranges(0x6100, 4, 0x6000, 128), compute("getsockname", 0, 3, 0x6000, 0x6100));
        memory.map(0x6200, 4).putInt(4);
        assertEquals(ranges(0x6200, 4, 0x6300, 4), compute("getsockopt", 0, 3, 1, 4, 0x6300, 0x6200));
    }

    @Test
    void readvSpreadsTheResultOverItsIovecs() {
        memory.iovecs(0x7000, 0x8000, 10, 0x9000, 0, 0xa000, 20, 0xb000, 30);
        assertEquals(ranges(0x8000, 10, 0xa000, 15), compute("readv", 25, 3, 0x7000, 4));
        assertEquals(ranges(0x8000, 10, 0xa000, 20, 0xb000, 30), compute("preadv", 60, 3, 0x7000, 4, 0));
        assertEquals(ranges(0x8000, 10, 0xa000, 20, 0xb000, 30), compute("preadv2", 1000, 3, 0x7000, 4, 0, 0), "MSG_TRUNC-like excess is cut");
        assertEquals(List.of(), compute("readv", 0, 3, 0x7000, 4));
        assertEquals(ranges(0x8000, 7), compute("process_vm_readv", 7, 1234, 0x7000, 4, 0x100000, 1, 0));
    }

    @Test
    void readvReadsNoMoreIovecsThanTheResultNeeds() {
        memory.map(0x7000, 64 * 16).putLong(0x8000).putLong(100);
        assertEquals(ranges(0x8000, 5), compute("readv", 5, 3, 0x7000, 1L << 40));
        assertTrue(memory.bytesRead() <= 64 * 16, "read " + memory.bytesRead() + " bytes of iovecs");
    }

    @Test
    void anIovecLengthPastTheResultIsCut() {
        memory.iovecs(0x7000, 0x8000, -1, 0x9000, 10);
        assertEquals(ranges(0x8000, 7), compute("readv", 7, 3, 0x7000, 2));
    }

    @Test
    void iovecsAreReadInChunksAndCappedAtUioMaxiov() {
        long[] pairs = new long[2 * 2000];
        for (int i = 0; i < 2000; i++) {
            pairs[2 * i] = 0x100000 + 16L * i;
            pairs[2 * i + 1] = 1;
        }
        memory.iovecs(0x7000, pairs);
        List<String> some = compute("readv", 150, 3, 0x7000, 2000);
        assertEquals(150, some.size());
        assertEquals(range(0x100000 + 16L * 149, 1), some.get(149));
        assertEquals(1024, compute("readv", 2000, 3, 0x7000, 2000).size(), "the kernel takes at most 1024 iovecs");
    }

    /** A msghdr at {@code address} as recvmsg leaves it. */
    private void msghdr(long address, long name, int namelen, long iov, long iovlen, long control, long controllen) {
        ByteBuffer m = memory.map(address, 56);
        m.putLong(0, name).putInt(8, namelen).putLong(16, iov).putLong(24, iovlen).putLong(32, control).putLong(40, controllen);
    }

    @Test
    void recvmsgWritesDataAddressControlAndFlags() {
        msghdr(0xb000, 0xc000, 16, 0xd000, 2, 0x10000, 24);
        memory.iovecs(0xd000, 0xe000, 8, 0xf000, 100);
        assertEquals(ranges(0xb008, 4, 0xc000, 16, 0xb028, 8, 0x10000, 24, 0xb030, 4, 0xe000, 8, 0xf000, 12),
                compute("recvmsg", 20, 3, 0xb000, 0));
    }

    @Test
    void recvmsgWithoutNameOrControlWritesTheirLengthsOnlyWhereTheKernelDoes() {
        msghdr(0xb000, 0, 0, 0xd000, 1, 0, 0);
        memory.iovecs(0xd000, 0xe000, 8);
        assertEquals(ranges(0xb028, 8, 0xb030, 4, 0xe000, 3), compute("recvmsg", 3, 3, 0xb000, 0));
        assertEquals(ranges(0xb028, 8, 0xb030, 4), compute("recvmsg", 0, 3, 0xb000, 0), "end of stream still sets the lengths and flags");
        assertEquals(List.of(), compute("recvmsg", EAGAIN, 3, 0xb000, 0));
    }

    @Test
    void recvmsgHostileLengthsAreBounded() {
        msghdr(0xb000, 0xc000, -1, 0xd000, Long.MAX_VALUE, 0x10000, Long.MIN_VALUE);
        memory.map(0xd000, 64 * 16).putLong(0xe000).putLong(4);
        List<String> r = compute("recvmsg", 4, 3, 0xb000, 0);
        assertEquals(ranges(0xb008, 4, 0xc000, 128, 0xb028, 8, 0x10000, 1 << 20, 0xb030, 4, 0xe000, 4), r);
    }

    @Test
    void anUnreadableMsghdrIsAnError() {
        TraceeMemoryException e = assertThrows(TraceeMemoryException.class, () -> compute("recvmsg", 10, 3, 0xdead000, 0));
        assertEquals("cannot read recvmsg's struct msghdr at 0xdead000 (56 bytes)", e.getMessage());
    }

    @Test
    void recvmmsgWritesEachReceivedMessage() {
        for (int i = 0; i < 3; i++) {
            long entry = 0x20000 + 64L * i;
            ByteBuffer m = memory.map(entry, 64);
            m.putLong(16, 0x30000 + 0x100L * i).putLong(24, 1).putInt(56, 5 + i);
            memory.iovecs(0x30000 + 0x100L * i, 0x40000 + 0x100L * i, 64);
        }
        assertEquals(ranges(0x20038, 4, 0x20028, 8, 0x20030, 4, 0x40000, 5, 0x20078, 4, 0x20068, 8, 0x20070, 4, 0x40100, 6, 0x50000, 16),
                compute("recvmmsg", 2, 3, 0x20000, 3, 0, 0x50000));
        assertEquals(List.of(), compute("recvmmsg", EAGAIN, 3, 0x20000, 3, 0, 0x50000));
    }

    @Test
    void sendmmsgWritesTheLengthOfEachSentMessage() {
        assertEquals(ranges(0x20038, 4, 0x20078, 4), compute("sendmmsg", 2, 3, 0x20000, 3, 0));
        assertEquals(ranges(0x20038, 4), compute("sendmmsg", 5, 3, 0x20000, 1, 0), "at most vlen");
    }

    @Test
    void cloneWritesThreadIdsAsItsFlagsAsk() {
        long threadFlags = 0x3d0f00; // pthread_create: CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
        assertEquals(ranges(0x30000, 4), compute("clone", 1234, threadFlags, 0x7000, 0x30000, 0x31000, 0x32000));
        long forkFlags = 0x1200011; // glibc's fork: CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD
        assertEquals(List.of(range(0x31000, 4) + " child"), compute("clone", 1234, forkFlags, 0, 0, 0x31000, 0));
        assertEquals(List.of(), compute("clone", EAGAIN, forkFlags, 0, 0, 0x31000, 0));
        assertEquals(List.of(), compute("clone", 1234, 17, 0, 0x30000, 0x31000, 0));
    }

    @Test
    void sleepsWriteTheRemainingTimeOnlyWhenInterrupted() {
        assertEquals(ranges(0x2000, 16), compute("nanosleep", EINTR, 0x1000, 0x2000));
        assertEquals(ranges(0x2000, 16), compute("nanosleep", ERESTART_RESTARTBLOCK, 0x1000, 0x2000));
        assertEquals(List.of(), compute("nanosleep", 0, 0x1000, 0x2000));
        assertEquals(ranges(0x2000, 16), compute("clock_nanosleep", EINTR, 1, 0, 0x1000, 0x2000));
        assertEquals(List.of(), compute("clock_nanosleep", EINTR, 1, 1, 0x1000, 0x2000), "TIMER_ABSTIME has nothing remaining");
    }

    @Test
    void wait4WritesOnlyWhenAChildWasReaped() {
        assertEquals(ranges(0x1000, 4, 0x2000, 144), compute("wait4", 4321, -1, 0x1000, 0, 0x2000));
        assertEquals(List.of(), compute("wait4", 0, -1, 0x1000, 1, 0x2000), "WNOHANG with nothing to reap");
        assertEquals(ranges(0x1000, 28, 0x2000, 144), compute("waitid", 0, 0, 0, 0x1000, 4, 0x2000));
    }

    @Test
    void ioctlWritesByRequest() {
        assertEquals(ranges(0x1000, 36), compute("ioctl", 0, 0, 0x5401, 0x1000));
        assertEquals(ranges(0x1000, 8), compute("ioctl", 0, 1, 0x5413, 0x1000));
        assertEquals(ranges(0x1000, 4), compute("ioctl", 0, 3, 0x541b, 0x1000));
        assertEquals(ranges(0x1000, 4), compute("ioctl", 0, 0, 0x540f, 0x1000));
        assertEquals(List.of(), compute("ioctl", 0, 0, 0x5403, 0x1000));
        assertEquals(List.of(), compute("ioctl", ENOTTY, 3, 0x5401, 0x1000));
        assertEquals(ranges(0x1000, 36), compute("ioctl", 0, 0, 0xffff_ffff_0000_5401L, 0x1000), "the request is an unsigned int");
    }

    @Test
    void fcntlPrctlArchPrctlAndFutexWriteBySubcommand() {
        assertEquals(ranges(0x1000, 32), compute("fcntl", 0, 3, 5, 0x1000));
        assertEquals(List.of(), compute("fcntl", 5, 3, 1030, 0));
        assertEquals(ranges(0x1000, 16), compute("prctl", 0, 16, 0x1000));
        assertEquals(List.of(), compute("prctl", 0, 15, 0x1000));
        assertEquals(ranges(0x1000, 8), compute("arch_prctl", 0, 0x1003, 0x1000));
        assertEquals(List.of(), compute("arch_prctl", 0, 0x1002, 0x7ffff7d8a740L));
        assertEquals(ranges(0x2000, 4), compute("futex", 1, 0x1000, 5 | 128, 1, 1, 0x2000, 0));
        assertEquals(List.of(), compute("futex", 0, 0x1000, 9 | 128 | 256, 0, 0x3000, 0, -1));
    }

    @Test
    void aRefusedCallWritesNothing() {
        assertEquals(List.of(), compute("rseq", -38, 0x1000, 32, 0, 0x53053053));
    }

    @Test
    void unsupportedCallsHaveNoOutputs() {
        assertThrows(IllegalArgumentException.class, () -> compute("io_uring_setup", 3, 8, 0x1000));
        assertThrows(IllegalArgumentException.class, () -> compute("ioctl", 0, 0, 0x5412, 0x1000));
    }

    @Test
    void theRangeListIsReusedAndGrows() {
        long[] pairs = new long[2 * 100];
        for (int i = 0; i < 100; i++) {
            pairs[2 * i] = 0x100000 + 16L * i;
            pairs[2 * i + 1] = 1;
        }
        memory.iovecs(0x7000, pairs);
        assertEquals(100, compute("readv", 100, 3, 0x7000, 100).size());
        assertEquals(100, ranges.totalBytes());
        assertEquals(ranges(0x1000, 144), compute("fstat", 0, 3, 0x1000));
    }

    @Test
    void rangesStayInUserSpace() {
        assertEquals(List.of(), compute("fstat", 0, 3, 0xffff_8000_0000_0000L));
        assertEquals(ranges(WrittenRanges.USER_SPACE_END - 100, 100), compute("read", 4096, 3, WrittenRanges.USER_SPACE_END - 100, 4096));
    }
}
