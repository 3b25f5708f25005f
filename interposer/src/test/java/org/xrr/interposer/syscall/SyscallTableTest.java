package org.xrr.interposer.syscall;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class SyscallTableTest {
    private static final long[] NO_ARGS = new long[6];
    private static final List<SubcommandTable> SUBCOMMAND_TABLES = List.of(
            SubcommandTables.IOCTL, SubcommandTables.FCNTL, SubcommandTables.PRCTL, SubcommandTables.ARCH_PRCTL, SubcommandTables.FUTEX);

    private static Syscall syscall(String name) {
        return SyscallTable.byName(name).orElseThrow(() -> new AssertionError("no syscall " + name));
    }

    private static long[] args(long... values) {
        return Arrays.copyOf(values, 6);
    }

    @Test
    void numbersAndNamesAreUnique() {
        Set<Integer> numbers = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Syscall s : SyscallTable.all()) {
            assertTrue(numbers.add(s.number()), "number " + s.number());
            assertTrue(names.add(s.name()), "name " + s.name());
            assertTrue(s.name().matches("_?[a-z][a-z0-9_]*"), s.name());
            assertEquals(s, SyscallTable.get(s.number()));
        }
        assertEquals(381, numbers.size(), "0-334 and 424-469");
    }

    /** Spot checks of the ABI, across the table and at its ends. */
    @ParameterizedTest(name = "{1} is {0}")
    @CsvSource({
        "0, read", "9, mmap", "15, rt_sigreturn", "16, ioctl", "56, clone", "59, execve", "60, exit", "158, arch_prctl",
        "202, futex", "218, set_tid_address", "219, restart_syscall", "231, exit_group", "257, openat", "262, newfstatat",
        "273, set_robust_list", "293, pipe2", "318, getrandom", "332, statx", "334, rseq", "424, pidfd_send_signal",
        "435, clone3", "436, close_range", "439, faccessat2", "441, epoll_pwait2", "452, fchmodat2", "462, mseal",
        "469, file_setattr",
    })
    void numbersFollowTheAbi(int number, String name) {
        assertEquals(name, SyscallTable.name(number).orElseThrow());
        assertEquals(number, SyscallTable.number(name).orElseThrow());
        assertEquals(number, SyscallTable.require(name));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 335, 400, 423, 470, 512, 0x40000000L, Long.MAX_VALUE})
    void numbersWithoutASyscall(long number) {
        assertNull(SyscallTable.get(number));
        assertTrue(SyscallTable.name(number).isEmpty());
        assertFalse(SyscallTable.supports(number, NO_ARGS));
    }

    @Test
    void namesLookUpBothWays() {
        for (Syscall s : SyscallTable.all()) {
            assertEquals(s.number(), SyscallTable.number(s.name()).orElseThrow());
            assertEquals(s.name(), SyscallTable.name(s.number()).orElseThrow());
        }
        assertTrue(SyscallTable.number("fstatat").isEmpty(), "glibc's name; the kernel's is newfstatat");
        assertThrows(IllegalArgumentException.class, () -> SyscallTable.require("fstatat"));
    }

    @Test
    void everyCorpusSyscallIsSupported() {
        List<String> missing = new ArrayList<>();
        for (String name : MeasuredCorpus.SYSCALLS) {
            if (SyscallTable.byName(name).map(s -> s.disposition() == Disposition.UNSUPPORTED).orElse(true)) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyCorpusSubcommandIsSupported() {
        for (long request : MeasuredCorpus.IOCTL_REQUESTS) {
            assertTrue(SyscallTable.supports(16, args(1, request, 0x1000)), "ioctl 0x" + Long.toHexString(request));
        }
        for (long command : MeasuredCorpus.FCNTL_COMMANDS) {
            assertTrue(SyscallTable.supports(72, args(3, command)), "fcntl " + command);
        }
        for (long code : MeasuredCorpus.ARCH_PRCTL_CODES) {
            assertTrue(SyscallTable.supports(158, args(code, 0x1000)), "arch_prctl 0x" + Long.toHexString(code));
        }
        for (long op : MeasuredCorpus.FUTEX_OPERATIONS) {
            assertTrue(SyscallTable.supports(202, args(0x1000, op, 1)), "futex " + op);
        }
    }

    @Test
    void rseqAndClone3AreRefusedWithEnosys() {
        for (String name : List.of("rseq", "clone3")) {
            assertEquals(Disposition.REFUSE, syscall(name).disposition(), name);
            assertEquals(38, syscall(name).refusalErrno(), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mmap", "munmap", "mprotect", "mremap", "brk", "madvise", "pkey_mprotect", "mseal", "arch_prctl",
        "clone", "fork", "vfork", "execve", "execveat", "exit", "exit_group", "set_tid_address", "rt_sigaction",
        "rt_sigprocmask", "rt_sigreturn", "rt_sigsuspend", "sigaltstack", "setrlimit", "prlimit64"})
    void whatShapesTheProcessIsExecuted(String name) {
        assertEquals(Disposition.EXECUTE, syscall(name).disposition());
    }

    @ParameterizedTest
    @ValueSource(strings = {"read", "write", "openat", "close", "clock_gettime", "gettimeofday", "time", "getcpu", "getrandom",
        "getpid", "gettid", "wait4", "kill", "tgkill", "futex", "ioctl", "fcntl", "chdir", "nanosleep", "set_robust_list"})
    void whatOnlyAnswersIsEmulated(String name) {
        assertEquals(Disposition.EMULATE, syscall(name).disposition());
    }

    @Test
    void threadIdResultsAreMarked() {
        for (Syscall s : SyscallTable.all()) {
            boolean expected = Set.of("clone", "fork", "vfork", "set_tid_address").contains(s.name());
            assertEquals(expected, s.returnsThreadId(), s.name());
        }
    }

    @Test
    void onlyTheMultiplexersHaveSubcommandsAndTheirTablesAreConsistent() {
        Set<String> multiplexers = new HashSet<>();
        for (Syscall s : SyscallTable.all()) {
            if (s.subcommands() != null) {
                multiplexers.add(s.name());
                assertTrue(s.outputs().isEmpty(), s.name() + " writes by sub-command only");
            }
        }
        assertEquals(Set.of("ioctl", "fcntl", "prctl", "arch_prctl", "futex"), multiplexers);
        for (SubcommandTable table : SUBCOMMAND_TABLES) {
            Set<String> names = new HashSet<>();
            for (Subcommand row : table.all()) {
                assertTrue(names.add(row.name()), row.name());
                assertTrue(row.supported() || row.outputs().isEmpty(), row.name());
            }
        }
    }

    /** The table's rows are built when the class loads, so these checks cover every description in it. */
    @Test
    void outputDescriptionsCheckTheirArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Output.Fixed(6, 8, WriteCondition.SUCCESS));
        assertThrows(IllegalArgumentException.class, () -> new Output.ResultCount(0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Output.Fixed(0, 0, WriteCondition.SUCCESS));
    }

    @Test
    void unsupportedSyscallIsNamedWithWhereItWasMade() {
        UnsupportedSyscallException e = assertThrows(UnsupportedSyscallException.class,
                () -> SyscallTable.requireSupported(425, args(8, 0x1000), 123, 0x401000));
        assertEquals("unsupported syscall 'io_uring_setup' (425) at pid 123, rip 0x401000", e.getMessage());
        assertEquals(123, e.pid());
        assertEquals(0x401000, e.rip());
    }

    @Test
    void unknownSyscallNumberIsNamedAsSuch() {
        UnsupportedSyscallException e = assertThrows(UnsupportedSyscallException.class,
                () -> SyscallTable.requireSupported(1000, NO_ARGS, 7, 0x10));
        assertEquals("unsupported syscall number 1000 (no x86-64 syscall has it) at pid 7, rip 0x10", e.getMessage());
    }

    @Test
    void unsupportedSubcommandsAreNamed() {
        assertMessage("unsupported ioctl request TIOCSTI (0x5412) of syscall 'ioctl' (16) at pid 1, rip 0x2", 16, args(0, 0x5412, 0x1000));
        assertMessage("unsupported ioctl request 0x40086602 (_IOW('f', 0x2, 8)) of syscall 'ioctl' (16) at pid 1, rip 0x2",
                16, args(3, 0x40086602L, 0x1000));
        assertMessage("unsupported ioctl request 0xc0185879 (_IOWR('X', 0x79, 24)) of syscall 'ioctl' (16) at pid 1, rip 0x2",
                16, args(3, 0xc0185879L, 0x1000));
        assertMessage("unsupported fcntl command 1029 of syscall 'fcntl' (72) at pid 1, rip 0x2", 72, args(3, 1029));
        assertMessage("unsupported prctl option PR_SET_SECCOMP (22) of syscall 'prctl' (157) at pid 1, rip 0x2", 157, args(22, 2));
        assertMessage("unsupported arch_prctl code ARCH_SET_CPUID (0x1012) of syscall 'arch_prctl' (158) at pid 1, rip 0x2",
                158, args(0x1012, 0));
        assertMessage("unsupported futex operation FUTEX_LOCK_PI (6) of syscall 'futex' (202) at pid 1, rip 0x2",
                202, args(0x1000, 6 | 128));
    }

    private static void assertMessage(String expected, long number, long[] args) {
        assertFalse(SyscallTable.supports(number, args));
        try {
            SyscallTable.requireSupported(number, args, 1, 2);
            fail("supported: " + expected);
        } catch (UnsupportedSyscallException e) {
            assertEquals(expected, e.getMessage());
        }
    }

    @Test
    void subcommandKeysAreTheKernelsInts() {
        assertEquals("FUTEX_WAIT_BITSET", SubcommandTables.FUTEX.lookup(args(0x1000, 9 | 128 | 256)).name(),
                "FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME do not change the operation");
        assertEquals("TCGETS", SubcommandTables.IOCTL.lookup(args(0, 0xdead_beef_0000_5401L)).name());
        assertNull(SubcommandTables.FCNTL.lookup(args(3, 99)));
        assertTrue(SyscallTable.supports(16, args(0, 0x5401)));
        assertTrue(SyscallTable.supports(1, args(1, 0x1000, 5)), "a syscall without sub-commands ignores its arguments");
    }
}
