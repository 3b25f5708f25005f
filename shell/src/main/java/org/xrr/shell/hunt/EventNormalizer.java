package org.xrr.shell.hunt;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.syscall.SyscallTable;
import org.xrr.interposer.trace.CloneEvent;
import org.xrr.interposer.trace.ExecEvent;
import org.xrr.interposer.trace.ExitEvent;
import org.xrr.interposer.trace.MappedFileEvent;
import org.xrr.interposer.trace.MemoryWrite;
import org.xrr.interposer.trace.PreemptionEvent;
import org.xrr.interposer.trace.SignalEvent;
import org.xrr.interposer.trace.SyscallEvent;
import org.xrr.interposer.trace.TraceEvent;
import org.xrr.interposer.trace.TrapEvent;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the events of one trace into {@link NormalizedEvent}s, so that two recordings of the same
 * program compare equal unless the program behaved differently. Thread and process ids become
 * their order of appearance; what the program read from the clock or a random source is left
 * out of the text, and kept as a hash to tell later which sources differed. Preemptions are left
 * out: where the recorder stopped a spinning thread is the recorder's choice, not the program's.
 */
final class EventNormalizer implements TraceEvent.Visitor<String> {
    /** Syscalls whose outputs are readings of a clock. */
    private static final Set<Integer> CLOCK = numbers("clock_gettime", "gettimeofday", "time", "times", "getrusage",
            "sysinfo", "nanosleep", "clock_nanosleep", "getitimer", "setitimer", "timer_gettime", "timerfd_gettime");
    private static final Set<Integer> RANDOM = numbers("getrandom");
    /** Syscalls whose outputs describe the machine or the place the program runs in. */
    private static final Set<Integer> PLACE = numbers("uname", "getcwd", "statfs", "fstatfs", "sched_getaffinity");
    /**
     * The stat family: of what it writes, only the type, permissions and size say something about
     * the program's files; inode numbers and times differ for every fresh file, such as the output
     * file of each run.
     */
    private static final Set<Integer> STAT = numbers("stat", "fstat", "lstat", "newfstatat");
    private static final int STAT_SIZE = 144;
    private static final int STAT_MODE = 24;
    private static final int STAT_BYTES = 48;
    private static final int STATX = SyscallTable.require("statx");
    private static final int STATX_SIZE = 256;
    private static final int STATX_MODE = 0x1c;
    private static final int STATX_BYTES = 0x28;
    private static final int WRITE = SyscallTable.require("write");
    private static final int WRITEV = SyscallTable.require("writev");
    /**
     * Directory listings: the d_off of each entry is a position cookie that some file systems
     * make up anew for every open, and inode numbers are new for every fresh file, so only the
     * entries' types and names count.
     */
    private static final int GETDENTS64 = SyscallTable.require("getdents64");
    private static final int DIRENT_HEADER = 19;
    /** Syscalls whose result, or whose first argument, is a process or thread id. */
    private static final Set<Integer> NEW_TASK = numbers("clone", "clone3", "fork", "vfork");
    private static final int WAIT4 = SyscallTable.require("wait4");
    private static final Set<Integer> RESULT_IS_ID = numbers("getpid", "getppid", "gettid", "clone", "clone3", "fork", "vfork",
            "wait4", "waitid", "set_tid_address");
    private static final Set<Integer> FIRST_ARG_IS_ID = numbers("kill", "tgkill", "tkill", "wait4", "setpgid", "getpgid",
            "getsid", "sched_setaffinity", "sched_getaffinity", "prlimit64", "pidfd_open");

    /**
     * User-space addresses: where the kernel maps memory and where a stack frame lies shift with
     * the CPU model (the XSAVE area's size changes ld.so's frames; xrr maps a page of its own for
     * a narrowed XCR0), so they are left out when the CPU is what varies.
     */
    private static final long ADDRESSES_FROM = 0x400000L;
    private static final long ADDRESSES_TO = 0x800000000000L;

    private final boolean cpuAnswers;
    private final Map<Integer, Integer> threads = new HashMap<>();
    private String shown;
    private long[] written;
    private Source input;
    private long rawValue;

    /**
     * @param cpuAnswers whether the runs compared have the same CPU, so that what CPUID and XGETBV
     *                   answered, and the addresses, are part of the behaviour
     */
    EventNormalizer(boolean cpuAnswers) {
        this.cpuAnswers = cpuAnswers;
    }

    /**
     * The normalized event, or null for an event that says nothing about the program's behaviour.
     * When the CPU is what varies, its answers and the questions asked are left out too: a program
     * asks the CPU different questions depending on earlier answers (glibc reads leaf 0xD only with
     * XSAVE), which is how it learns the CPU, not how it behaves.
     */
    NormalizedEvent normalize(TraceEvent e) {
        if (e instanceof PreemptionEvent || (!cpuAnswers && e instanceof TrapEvent t && asksTheCpu(t.site()))) {
            return null;
        }
        input = null;
        rawValue = 0;
        shown = null;
        written = NormalizedEvent.NOTHING_WRITTEN;
        int thread = id(e.tid());
        String text = e.accept(this);
        return new NormalizedEvent(thread, text, shown == null ? text : shown, input, rawValue, written);
    }

    @Override
    public String syscall(SyscallEvent e) {
        int nr = e.number();
        StringJoiner text = new StringJoiner(", ", name(nr) + "(", ")");
        long[] args = e.args();
        for (int i = 0; i < args.length; i++) {
            text.add(i == 0 && FIRST_ARG_IS_ID.contains(nr) && args[0] > 0 ? "id" + id((int) args[0]) : value(args[i]));
        }
        long result = e.result();
        if ((nr == WRITE || nr == WRITEV) && result > 0 && (args[0] == 1 || args[0] == 2)) {
            written = args[0] == 1 ? new long[] {result, 0} : new long[] {0, result};
        }
        String returned = " = " + (RESULT_IS_ID.contains(nr) && result > 0 ? "id" + id((int) result) : value(result));
        Source source = CLOCK.contains(nr) ? Source.TIME : RANDOM.contains(nr) ? Source.RANDOMNESS
                : PLACE.contains(nr) ? Source.ENVIRONMENT : null;
        String outputs;
        if (source != null) {
            read(source, hash(e.memory()));
            returned = result < 0 ? returned : " = (read)";
            outputs = "";
        } else if ((STAT.contains(nr) || nr == STATX) && e.memory().size() == 1) {
            outputs = statSummary(nr, e.memory().get(0).bytes());
        } else if (nr == GETDENTS64 && e.memory().size() == 1) {
            outputs = entries(e.memory().get(0).bytes());
        } else if (NEW_TASK.contains(nr)) {
            // What they write is the new task's id (CLONE_PARENT_SETTID, a pidfd): the result says it.
            outputs = "";
        } else if (nr == WAIT4) {
            // Only the status counts; the resource usage is CPU time.
            outputs = written(e.memory().stream().filter(w -> w.address() == args[1]).toList());
        } else {
            outputs = written(e.memory());
        }
        shown = text + returned + outputs;
        // The table does not say how many arguments a call takes, and the registers past them hold
        // whatever the caller left there: values computed from the time, code a CPU model selected.
        return name(nr) + "(...)" + returned + outputs;
    }

    @Override
    public String trap(TrapEvent e) {
        SiteKind site = e.site();
        String where = site.mnemonic() + " at " + value(e.rip()) + " in " + Arrays.toString(e.inputs());
        if (site == SiteKind.RDTSC || site == SiteKind.RDTSCP) {
            read(Source.TIME, Arrays.hashCode(e.outputs()));
            return where;
        }
        if (site == SiteKind.RDRAND || site == SiteKind.RDSEED) {
            read(Source.RANDOMNESS, Arrays.hashCode(e.outputs()));
            return where;
        }
        read(Source.CPU, Arrays.hashCode(e.outputs()));
        return where + " out " + Arrays.toString(e.outputs());
    }

    private static boolean asksTheCpu(SiteKind site) {
        return site != SiteKind.RDTSC && site != SiteKind.RDTSCP && site != SiteKind.RDRAND && site != SiteKind.RDSEED;
    }

    @Override
    public String signal(SignalEvent e) {
        return "signal " + e.signal() + " " + e.outcome().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String clone(CloneEvent e) {
        return e.how().name().toLowerCase(Locale.ROOT) + " flags 0x" + Long.toHexString(e.flags()) + " -> thread " + id(e.childTid());
    }

    /**
     * AT_RANDOM differs in every run but feeds only the stack protector and pointer guard, which
     * change no behaviour: counting it as a reading would blame randomness for every difference.
     */
    @Override
    public String exec(ExecEvent e) {
        return "exec " + e.path() + " " + e.argv() + " sha256 " + e.executable().sha256Hex();
    }

    @Override
    public String exit(ExitEvent e) {
        return e.killed() ? "killed by signal " + e.signal() : "exit " + e.status();
    }

    @Override
    public String mappedFile(MappedFileEvent e) {
        return "maps " + e.file().path() + " sha256 " + e.file().sha256Hex();
    }

    @Override
    public String preemption(PreemptionEvent e) {
        throw new IllegalStateException("preemptions are left out before they are described");
    }

    private static String name(int nr) {
        return SyscallTable.name(nr).orElse("syscall" + nr);
    }

    private String value(long v) {
        return !cpuAnswers && v >= ADDRESSES_FROM && v < ADDRESSES_TO ? "addr" : "0x" + Long.toHexString(v);
    }

    private void read(Source source, long value) {
        input = source;
        rawValue = value;
    }

    private int id(int tid) {
        return threads.computeIfAbsent(tid, t -> threads.size() + 1);
    }

    private String written(List<MemoryWrite> writes) {
        if (writes.isEmpty()) {
            return "";
        }
        return " wrote " + writes.stream().map(w -> w.length() + "@" + value(w.address()) + "#"
                + Integer.toHexString(Arrays.hashCode(w.bytes()))).collect(Collectors.joining(","));
    }

    private static String statSummary(int nr, byte[] b) {
        ByteBuffer stat = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (nr == STATX && b.length == STATX_SIZE) {
            return " mode 0" + Integer.toOctalString(stat.getShort(STATX_MODE) & 0xffff) + " size " + stat.getLong(STATX_BYTES);
        }
        if (nr != STATX && b.length == STAT_SIZE) {
            return " mode 0" + Integer.toOctalString(stat.getInt(STAT_MODE)) + " size " + stat.getLong(STAT_BYTES);
        }
        return " wrote " + b.length + " bytes";
    }

    private static String entries(byte[] b) {
        ByteBuffer dirents = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int count = 0;
        int hash = 1;
        int at = 0;
        while (at + DIRENT_HEADER <= b.length) {
            int length = dirents.getShort(at + 16) & 0xffff;
            if (length < DIRENT_HEADER || at + length > b.length) {
                break;
            }
            // The bytes after the name's NUL are padding the kernel leaves as it found it.
            int name = at + DIRENT_HEADER;
            int end = name;
            while (end < at + length && b[end] != 0) {
                end++;
            }
            hash = 31 * (31 * hash + b[at + 18]) + Arrays.hashCode(Arrays.copyOfRange(b, name, end));
            count++;
            at += length;
        }
        return " listed " + count + " entries #" + Integer.toHexString(hash);
    }

    private static long hash(List<MemoryWrite> writes) {
        long h = 1;
        for (MemoryWrite w : writes) {
            h = 31 * h + Arrays.hashCode(w.bytes());
        }
        return h;
    }

    private static Set<Integer> numbers(String... names) {
        return Stream.of(names).map(SyscallTable::require).collect(Collectors.toUnmodifiableSet());
    }
}
