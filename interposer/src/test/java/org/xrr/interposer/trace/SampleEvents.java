package org.xrr.interposer.trace;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.Registers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Events to write and read back: one of every kind with awkward values, and a syscall-heavy stream. */
final class SampleEvents {
    private static final int SYS_READ = 0;
    private static final int SYS_WRITE = 1;
    private static final int SYS_FSTAT = 5;
    private static final int SYS_MMAP = 9;
    private static final int SYS_GETPID = 39;
    private static final int SYS_CLOCK_GETTIME = 228;

    private SampleEvents() {
    }

    /** Every kind of event, with values at the edges of their encodings. */
    static List<TraceEvent> oneOfEach() {
        Random random = new Random(7);
        long[] registers = new long[Registers.COUNT];
        for (int i = 0; i < registers.length; i++) {
            registers[i] = random.nextLong();
        }
        registers[Registers.RIP] = 0x7f12_3456_789aL;
        FileIdentity libc = new FileIdentity("/lib/x86_64-linux-gnu/libc.so.6", bytes(random, 32), 2_125_328,
                Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
        return List.of(
                new SyscallEvent(4242, SYS_READ, new long[] {3, 0x7ffd_0000_1000L, 832, 0, 0, 0}, 832, SyscallMode.EMULATED,
                        List.of(new MemoryWrite(0x7ffd_0000_1000L, bytes(random, 832)))),
                new SyscallEvent(4242, 257, new long[] {-100, 0x5555_0000L, 0x80000, 0, -1, Long.MIN_VALUE}, -2,
                        SyscallMode.EXECUTED, List.of()),
                new TrapEvent(4242, 0x7f00_0000_1234L, SiteKind.CPUID, new long[] {7, 0},
                        new long[] {0, 0xf1bf07abL, 0x415f4e, 0xbc000400L}, List.of()),
                new TrapEvent(4243, 0x7f00_0000_2000L, SiteKind.XSAVEC64, new long[] {0xe7, 0}, new long[0],
                        List.of(new MemoryWrite(0x7ffd_0000_2000L, bytes(random, 2696)))),
                new TrapEvent(4243, Long.MAX_VALUE, SiteKind.RDTSC, new long[0], new long[] {-1L}, List.of()),
                new SignalEvent(4242, 11, bytes(random, Ptrace.SIGINFO_SIZE), SignalOutcome.FATAL, List.of()),
                new SignalEvent(4243, 64, bytes(random, Ptrace.SIGINFO_SIZE), SignalOutcome.DELIVERED,
                        List.of(new MemoryWrite(0x7ffd_0000_3000L, bytes(random, 1000)), new MemoryWrite(0, new byte[0]))),
                new CloneEvent(4242, CloneKind.CLONE, 0x3d0f00, 4243),
                new CloneEvent(4242, CloneKind.VFORK, 0x4111, Integer.MAX_VALUE),
                new CloneEvent(4242, CloneKind.FORK, 0x11, 4300),
                new ExecEvent(4300, "/usr/bin/pyth\u00f6n3", List.of("python3", "-c", "print('\u2603')", ""), bytes(random, 16), libc),
                new MappedFileEvent(4300, libc),
                new MappedFileEvent(4300, new FileIdentity("", new byte[32], 0, Instant.ofEpochSecond(-5, 999_999_999))),
                new PreemptionEvent(4243, registers, 0xdead_beef_cafe_f00dL),
                new ExitEvent(4243, 0, 9),
                new ExitEvent(4242, 255, 0));
    }

    /**
     * What a busy program records most: clock_gettime, short reads of text, writes, fstat,
     * getpid, some mmaps; four threads, one running at a time for a while.
     */
    static List<TraceEvent> syscallHeavy(int count, long seed) {
        Random random = new Random(seed);
        List<TraceEvent> events = new ArrayList<>(count);
        long clock = 1_700_000_000_000_000_000L;
        int tid = 5000;
        long buffer = 0x7ffd_1234_5000L;
        for (int i = 0; i < count; i++) {
            if (random.nextInt(20) == 0) {
                tid = 5000 + random.nextInt(4);
            }
            int pick = random.nextInt(100);
            if (pick < 40) {
                clock += 1_000 + random.nextInt(50_000);
                events.add(syscall(tid, SYS_CLOCK_GETTIME, new long[] {1, buffer, 0, 0, 0, 0}, 0,
                        List.of(new MemoryWrite(buffer, timespec(clock)))));
            } else if (pick < 60) {
                byte[] line = ("line " + i + ": the quick brown fox jumps over the lazy dog\n").getBytes(StandardCharsets.US_ASCII);
                events.add(syscall(tid, SYS_READ, new long[] {3, buffer + 0x100, 4096, 0, 0, 0}, line.length,
                        List.of(new MemoryWrite(buffer + 0x100, line))));
            } else if (pick < 80) {
                events.add(syscall(tid, SYS_WRITE, new long[] {1, buffer + 0x2000, 57, 0, 0, 0}, 57, List.of()));
            } else if (pick < 90) {
                byte[] stat = new byte[144];
                stat[0] = 3;
                stat[48] = (byte) random.nextInt(256);
                events.add(syscall(tid, SYS_FSTAT, new long[] {3, buffer + 0x300, 0, 0, 0, 0}, 0,
                        List.of(new MemoryWrite(buffer + 0x300, stat))));
            } else if (pick < 97) {
                events.add(syscall(tid, SYS_GETPID, new long[6], 5000, List.of()));
            } else {
                long address = 0x7f00_0000_0000L + 0x1000L * i;
                events.add(new SyscallEvent(tid, SYS_MMAP, new long[] {0, 0x21000, 3, 0x22, -1, 0}, address,
                        SyscallMode.EXECUTED, List.of()));
            }
        }
        return events;
    }

    static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static SyscallEvent syscall(int tid, int number, long[] args, long result, List<MemoryWrite> memory) {
        return new SyscallEvent(tid, number, args, result, SyscallMode.EMULATED, memory);
    }

    private static byte[] timespec(long nanos) {
        byte[] b = new byte[16];
        long seconds = nanos / 1_000_000_000L;
        long rest = nanos % 1_000_000_000L;
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (seconds >>> (8 * i));
            b[8 + i] = (byte) (rest >>> (8 * i));
        }
        return b;
    }
}
