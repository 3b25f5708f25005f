package org.xrr.interposer.syscall;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.NativePrograms;
import org.xrr.interposer.ptrace.LibXrr;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.PtraceException;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.ptrace.TaskMemory;
import org.xrr.interposer.ptrace.WaitStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The table against the kernel. The probe makes syscalls that write into an arena at a fixed
 * address; at each call's entry and exit the arena is read back. Every byte the kernel changed
 * must lie in a range {@link SyscallOutputs} computed, and the ranges for the probe's own calls
 * must be exactly what the kernel wrote.
 */
class SyscallOutputsTracedTest {
    private static final long ARENA = 0x10000000000L;
    private static final int ARENA_SIZE = 65536;
    private static final int SYSCALL_STOP = 5 | 0x80;
    private static final int EPERM = 1;
    private static final int OPTIONS = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEEXEC | Ptrace.O_EXITKILL;
    private static final int[] ARGUMENT_REGISTERS = {Registers.RDI, Registers.RSI, Registers.RDX, Registers.R10, Registers.R8, Registers.R9};

    /** A call made while the arena was mapped, with its ranges in the caller, as "arena+0x500+144". */
    private record Call(String name, long[] args, long result, List<String> ranges) {
    }

    @TempDir
    static Path work;
    private static final List<Call> calls = new ArrayList<>();
    private static final List<String> unsound = new ArrayList<>();

    @BeforeAll
    static void traceTheProbe() throws IOException {
        Path file = Files.write(work.resolve("data"), "0123456789".repeat(16).getBytes());
        Path dir = Files.createDirectory(work.resolve("dir"));
        Files.writeString(dir.resolve("entry"), "");
        Ptrace ptrace = new Ptrace();
        int pid;
        try {
            pid = ptrace.spawnAndSeize(NativePrograms.path("syscallprobe").toString(),
                    List.of("syscallprobe", file.toString(), dir.toString()), List.of(), LibXrr.SPAWN_NO_ASLR, OPTIONS, null, null, null);
        } catch (PtraceException e) {
            assumeFalse(e.errno() == EPERM, "ptrace is not permitted here: " + e.getMessage());
            throw e;
        }
        // Read through process_vm_readv, which follows the process across its exec, unlike a
        // /proc/PID/mem descriptor opened before it.
        TraceeMemory memory = (address, buffer, length) -> TaskMemory.read(pid, address, buffer, length);
        assertEquals(0, follow(ptrace, pid, memory), "the probe's exit status");
    }

    /** Runs the probe from syscall stop to syscall stop, checking every call it makes with the arena mapped. */
    private static int follow(Ptrace ptrace, int pid, TraceeMemory memory) {
        Registers regs = new Registers();
        SyscallOutputs outputs = new SyscallOutputs();
        WrittenRanges ranges = new WrittenRanges();
        long[] args = new long[6];
        long number = -1;
        byte[] before = null;
        boolean inSyscall = false;
        while (true) {
            ptrace.waitAny(pid);
            int status = ptrace.lastStatus();
            if (!WaitStatus.stopped(status)) {
                return WaitStatus.exited(status) ? WaitStatus.exitCode(status) : 128 + WaitStatus.termSignal(status);
            }
            if (WaitStatus.event(status) == Ptrace.EVENT_EXEC) {
                // Still inside execve: the next syscall stop is its exit.
                inSyscall = true;
                ptrace.syscall(pid, 0);
                continue;
            }
            int sig = WaitStatus.stopSignal(status);
            if (sig != SYSCALL_STOP) {
                ptrace.syscall(pid, WaitStatus.event(status) == 0 ? sig : 0);
                continue;
            }
            ptrace.getRegs(pid, regs);
            if (!inSyscall) {
                number = regs.get(Registers.ORIG_RAX);
                for (int i = 0; i < 6; i++) {
                    args[i] = regs.get(ARGUMENT_REGISTERS[i]);
                }
                before = arena(memory);
            } else if (before != null) {
                Syscall syscall = SyscallTable.get(number);
                long result = regs.get(Registers.RAX);
                outputs.compute(syscall, args, result, memory, ranges);
                check(syscall, args, result, ranges, before, arena(memory));
            }
            inSyscall = !inSyscall;
            ptrace.syscall(pid, 0);
        }
    }

    private static byte[] arena(TraceeMemory memory) {
        byte[] bytes = new byte[ARENA_SIZE];
        return memory.read(ARENA, bytes, ARENA_SIZE) ? bytes : null;
    }

    private static void check(Syscall syscall, long[] args, long result, WrittenRanges ranges, byte[] before, byte[] after) {
        List<String> described = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            if (!ranges.inNewChild(i)) {
                long offset = ranges.address(i) - ARENA;
                described.add(offset >= 0 && offset < ARENA_SIZE
                        ? "arena+0x" + Long.toHexString(offset) + "+" + ranges.length(i)
                        : "0x" + Long.toHexString(ranges.address(i)) + "+" + ranges.length(i));
            }
        }
        calls.add(new Call(syscall.name(), args.clone(), result, described));
        for (int offset = 0; offset < ARENA_SIZE; offset++) {
            if (before[offset] != after[offset] && !covers(ranges, ARENA + offset)) {
                unsound.add(syscall.name() + " = " + result + " changed arena+0x" + Integer.toHexString(offset) + " outside " + described);
                return;
            }
        }
    }

    private static boolean covers(WrittenRanges ranges, long address) {
        for (int i = 0; i < ranges.size(); i++) {
            if (!ranges.inNewChild(i) && address >= ranges.address(i) && address - ranges.address(i) < ranges.length(i)) {
                return true;
            }
        }
        return false;
    }

    /** The probe's call named {@code name} whose argument {@code pointer} is at arena+offset. */
    private static Call call(String name, int pointer, long offset) {
        return findCall(name, pointer, offset)
                .orElseThrow(() -> new AssertionError("the probe made no " + name + " into arena+0x" + Long.toHexString(offset)));
    }

    private static Optional<Call> findCall(String name, int pointer, long offset) {
        return calls.stream().filter(c -> c.name().equals(name) && c.args()[pointer] == ARENA + offset).findFirst();
    }

    @Test
    void everyByteTheKernelChangedIsInAComputedRange() {
        assertEquals(List.of(), unsound);
        assertTrue(calls.size() >= 45, calls.size() + " calls checked");
    }

    @Test
    void buffersAreAsLongAsTheResult() {
        assertEquals(List.of("arena+0x0+100"), call("read", 1, 0x0).ranges());
        assertEquals(List.of("arena+0x100+50"), call("pread64", 1, 0x100).ranges());
        assertEquals(List.of("arena+0x300+10", "arena+0x400+50"), call("readv", 1, 0x200).ranges());
        Call getdents = call("getdents64", 1, 0x2000);
        assertEquals(List.of("arena+0x2000+" + getdents.result()), getdents.ranges());
        assertEquals(List.of("arena+0xd00+12"), call("epoll_wait", 1, 0xd00).ranges());
        assertEquals(List.of("arena+0x1540+32"), call("getrandom", 0, 0x1540).ranges());
    }

    @Test
    void structsAreTheirKernelSize() {
        assertEquals(List.of("arena+0x500+144"), call("fstat", 1, 0x500).ranges());
        assertEquals(List.of("arena+0x700+256"), call("statx", 4, 0x700).ranges());
        assertEquals(List.of("arena+0x900+32"), call("fcntl", 2, 0x900).ranges());
        assertEquals(List.of("arena+0xa00+8"), call("pipe2", 0, 0xa00).ranges());
        assertEquals(List.of("arena+0x1300+4", "arena+0x1400+144"), call("wait4", 1, 0x1300).ranges());
        assertEquals(List.of("arena+0x1600+390"), call("uname", 0, 0x1600).ranges());
        assertEquals(List.of("arena+0x3200+32"), call("rt_sigaction", 2, 0x3200).ranges());
    }

    @Test
    void ioctlsWriteByRequestAndNotWhenTheyFail() {
        assertEquals(List.of("arena+0xa10+4"), call("ioctl", 2, 0xa10).ranges());
        Call tcgets = call("ioctl", 2, 0xa20);
        assertEquals(-25, tcgets.result(), "TCGETS on a pipe: ENOTTY");
        assertEquals(List.of(), tcgets.ranges());
    }

    @Test
    void terminalIoctlsWriteTheKernelsStructs() {
        Optional<Call> ptn = findCall("ioctl", 2, 0xa40);
        assumeTrue(ptn.isPresent() && ptn.get().result() == 0, "no pseudo-terminals here");
        assertEquals(List.of("arena+0xa40+4"), ptn.get().ranges());
        assertEquals(List.of("arena+0xa60+36"), call("ioctl", 2, 0xa60).ranges(), "struct termios as the kernel has it, not glibc's");
        assertEquals(List.of("arena+0xaa0+8"), call("ioctl", 2, 0xaa0).ranges());
    }

    @Test
    void pollSelectAndSocketsWriteWhatTheKernelFillsIn() {
        assertEquals(List.of("arena+0xb00+16"), call("poll", 0, 0xb00).ranges());
        assertEquals(List.of("arena+0xc00+8", "arena+0xc80+16"), call("select", 1, 0xc00).ranges());
        assertEquals(List.of("arena+0xf08+4", "arena+0xf28+8", "arena+0x1100+24", "arena+0xf30+4", "arena+0x1000+2", "arena+0x1080+1"),
                call("recvmsg", 1, 0xf00).ranges(), "an unnamed peer: msg_namelen 0; one SCM_RIGHTS message of 24 bytes");
        assertEquals(List.of("arena+0x1280+4", "arena+0x1200+2"), call("getsockname", 1, 0x1200).ranges());
    }

    @Test
    void sleepsThatFinishWriteNothing() {
        assertEquals(List.of(), call("nanosleep", 1, 0x3610).ranges());
        assertEquals(List.of(), call("clock_nanosleep", 3, 0x3620).ranges());
    }
}
