package org.xrr.interposer.replay;

import org.xrr.interposer.ptrace.TaskMemory;
import org.xrr.interposer.syscall.SyscallTable;
import org.xrr.interposer.trace.MemoryWrite;
import org.xrr.interposer.trace.SyscallEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Shows again what the program wrote to the terminal it was recorded on, as rr does: replay skips
 * the writes, so xrr prints their bytes itself. Only descriptors that still are the original
 * stdout or stderr count: each process's table follows dup, dup2, dup3, fcntl's F_DUPFD, close
 * and the calls that create descriptors, so a shell pipeline's inner writes to a pipe stay
 * silent.
 */
final class ConsoleEcho {
    private static final int WRITE = SyscallTable.require("write");
    private static final int WRITEV = SyscallTable.require("writev");
    private static final int CLOSE = SyscallTable.require("close");
    private static final int DUP = SyscallTable.require("dup");
    private static final int DUP2 = SyscallTable.require("dup2");
    private static final int DUP3 = SyscallTable.require("dup3");
    private static final int FCNTL = SyscallTable.require("fcntl");
    private static final int PIPE = SyscallTable.require("pipe");
    private static final int PIPE2 = SyscallTable.require("pipe2");
    private static final int SOCKETPAIR = SyscallTable.require("socketpair");
    private static final long F_DUPFD = 0;
    private static final long F_DUPFD_CLOEXEC = 1030;
    private static final int MAX_IOVECS = 1024;
    /** Calls whose result is a new descriptor that takes the place of whatever had the number. */
    private static final Set<Integer> CREATE = Set.of(SyscallTable.require("open"), SyscallTable.require("openat"), SyscallTable.require("creat"), SyscallTable.require("socket"),
            SyscallTable.require("accept"), SyscallTable.require("accept4"), SyscallTable.require("epoll_create1"), SyscallTable.require("eventfd2"), SyscallTable.require("timerfd_create"),
            SyscallTable.require("signalfd4"), SyscallTable.require("inotify_init1"));

    private final OutputStream stdout;
    private final OutputStream stderr;
    /** Per recorded process: descriptor to the original one it is (1 or 2). */
    private final Map<Integer, Map<Long, Integer>> tables = new HashMap<>();
    /**
     * Output waiting for the events before it: processes replay side by side, but their output
     * appears in the order the recording wrote it.
     */
    private final TreeMap<Long, Output> held = new TreeMap<>();

    private record Output(int original, byte[] bytes) {
    }

    ConsoleEcho(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    void onNewProcess(int parent, int child) {
        tables.put(child, new HashMap<>(table(parent)));
    }

    /**
     * After the syscall of event {@code index} was replayed in {@code tid} (of recorded process
     * {@code process}); output goes out once every event before {@code replayedBefore} is replayed.
     */
    void afterSyscall(int process, int tid, long index, SyscallEvent e, long replayedBefore) {
        track(process, tid, index, e);
        while (!held.isEmpty() && held.firstKey() < replayedBefore) {
            Output o = held.pollFirstEntry().getValue();
            emit(o.original, o.bytes);
        }
    }

    /** Everything still held, at the end of the replay or at a divergence. */
    void flush() {
        held.values().forEach(o -> emit(o.original, o.bytes));
        held.clear();
    }

    private void track(int process, int tid, long index, SyscallEvent e) {
        Map<Long, Integer> fds = table(process);
        int nr = e.number();
        long result = e.result();
        if (nr == WRITE && result > 0 && fds.containsKey(e.arg(0))) {
            held.put(index, new Output(fds.get(e.arg(0)), read(tid, e.arg(1), (int) result)));
        } else if (nr == WRITEV && result > 0 && fds.containsKey(e.arg(0))) {
            held.put(index, new Output(fds.get(e.arg(0)), gather(tid, e.arg(1), (int) Math.min(e.arg(2), MAX_IOVECS), result)));
        } else if (result < 0) {
            return;
        } else if (nr == CLOSE) {
            fds.remove(e.arg(0));
        } else if (nr == DUP || nr == DUP2 || nr == DUP3 || (nr == FCNTL && (e.arg(1) == F_DUPFD || e.arg(1) == F_DUPFD_CLOEXEC))) {
            Integer original = fds.get(e.arg(0));
            if (original != null) {
                fds.put(result, original);
            } else {
                fds.remove(result);
            }
        } else if (CREATE.contains(nr)) {
            fds.remove(result);
        } else if (nr == PIPE || nr == PIPE2 || nr == SOCKETPAIR) {
            for (MemoryWrite w : e.memory()) {
                ByteBuffer b = ByteBuffer.wrap(w.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                while (b.remaining() >= 4) {
                    fds.remove((long) b.getInt());
                }
            }
        }
    }

    private Map<Long, Integer> table(int process) {
        return tables.computeIfAbsent(process, p -> new HashMap<>(Map.of(1L, 1, 2L, 2)));
    }

    /** The first {@code total} bytes of an iovec array's buffers. */
    private static byte[] gather(int tid, long iov, int count, long total) {
        ByteBuffer b = ByteBuffer.wrap(read(tid, iov, 16 * count)).order(ByteOrder.LITTLE_ENDIAN);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        long left = total;
        for (int i = 0; i < count && left > 0; i++) {
            long length = Math.min(b.getLong(16 * i + 8), left);
            all.writeBytes(read(tid, b.getLong(16 * i), (int) length));
            left -= length;
        }
        return all.toByteArray();
    }

    private void emit(int original, byte[] bytes) {
        try {
            OutputStream out = original == 1 ? stdout : stderr;
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("showing the program's output: " + e.getMessage(), e);
        }
    }

    private static byte[] read(int tid, long address, int length) {
        try {
            return TaskMemory.read(tid, address, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
