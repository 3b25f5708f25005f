package org.xrr.interposer.tracer;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.ptrace.Registers;

/**
 * What a recording or a replay adds to a traced run. With hooks that want every syscall, the
 * program starts without address-space randomization, stops at the entry and exit of each
 * syscall, and traps RDTSC; {@link #NONE} keeps the plain interposer, which stops only where
 * the CPU model needs it.
 *
 * <p>Every method runs on the tracer thread, with the task stopped, and receives the tracer's
 * own register buffer. Writing registers back costs a ptrace call on every syscall, so only what
 * the hooks may change is written: the result (RAX) at a syscall's exit, and everything at an
 * exec. At a syscall's entry, a hook changes the call only by skipping it.
 */
public interface SessionHooks {
    SessionHooks NONE = new SessionHooks() {
    };

    /** What a syscall-entry hook wants done with the call. */
    enum Entry {
        /** Let the kernel run it. */
        RUN,
        /** Skip it; the exit hook sets the result. */
        SKIP,
        /**
         * Skip it: the hook has put the result in RAX and written its outputs, so no exit stop
         * is needed. Only where {@link #entriesBySeccomp} holds.
         */
        ANSWERED
    }

    /** What a hardware breakpoint set by {@link TaskHandle#breakAt} found. */
    enum Breakpoint {
        /** Not the hook's breakpoint: the trap goes to the program. */
        NOT_OURS,
        /** The point is not reached yet: the thread runs on. */
        CONTINUE,
        /** The point is reached: the thread stops there until its turn comes again. */
        REACHED
    }

    /** Whether the session needs every syscall, RDTSC and a fixed address space. */
    default boolean wantsEverySyscall() {
        return false;
    }

    /**
     * Whether syscalls stop at their entry through a seccomp filter, with an exit stop only for
     * those the hook lets run or skips without answering: one stop instead of two for every
     * call a replay answers itself. Without it, every syscall stops at entry and exit.
     */
    default boolean entriesBySeccomp() {
        return false;
    }

    /** After execve, before the new image runs: AT_RANDOM and the auxiliary vector are on the stack. */
    default void onExec(TaskHandle task, Registers regs) {
    }

    /** At a syscall-entry stop; {@code regs} holds the number in ORIG_RAX and the arguments. */
    default Entry onSyscallEntry(TaskHandle task, Registers regs) {
        return Entry.RUN;
    }

    /** At the matching syscall-exit stop; RAX holds the result, or whatever a skipped call left. */
    default void onSyscallExit(TaskHandle task, Registers regs) {
    }

    /** A new process or thread, reported by its parent's fork, vfork or clone. */
    default void onNewTask(TaskHandle parent, int child, long cloneFlags, boolean newProcess) {
    }

    /** A task ended; {@code status} is as waitpid gives it. */
    default void onTaskExit(int tid, int status) {
    }

    /** A trapped instruction was answered from the model; {@code out} holds what the task now sees. */
    default void onTrap(TaskHandle task, SiteKind kind, long rip, long[] in, long[] out) {
    }

    /**
     * At a signal-delivery stop for a signal the tracer does not handle itself: returns the
     * signal to deliver, 0 to discard it.
     */
    default int onSignal(TaskHandle task, int signal) {
        return signal;
    }

    /**
     * After a signal went to the program (in record, after {@link #onSignal}): {@code regs} holds
     * the registers at its handler's first instruction, where the kernel has just written the
     * signal frame on the handler's stack, or is null when the signal has no handler.
     */
    default void onSignalFrame(TaskHandle task, Registers regs) {
    }

    /**
     * When a task is resumed with no signal of its own: a signal to make pending now, 0 for none.
     * At a syscall-exit stop the kernel sends it as the task returns, so it is delivered exactly
     * after that syscall.
     */
    default int signalToInject(TaskHandle task) {
        return 0;
    }

    /**
     * Whether a thread of a process with several threads may begin its next event now, at the
     * stop it reported (it keeps the stop until then). Replay runs them in the recorded order.
     *
     * @param signal the signal of a signal-delivery stop, 0 at any other stop
     */
    default boolean mayRun(TaskHandle task, int signal) {
        return true;
    }

    /**
     * Whether a thread that runs user code for a whole time slice while others wait for the
     * turn is interrupted to let them run ({@link #onPreempt}).
     */
    default boolean preemptsSpinners() {
        return false;
    }

    /**
     * A thread was interrupted in user code at {@code regs}: to let others run, or by a signal
     * for a handler, which {@link #onSignal} reports next.
     */
    default void onPreempt(TaskHandle task, Registers regs) {
    }

    /** Before a thread is resumed. */
    default void beforeResume(TaskHandle task) {
    }

    /** The thread hit the hardware breakpoint the hook set; {@code regs} holds its registers there. */
    default Breakpoint onBreakpoint(TaskHandle task, Registers regs) {
        return Breakpoint.NOT_OURS;
    }

    /**
     * The value RDTSC or RDTSCP ({@code kind}) returns at {@code rip}: the real counter when
     * recording, the recorded one in replay.
     */
    default long rdtsc(TaskHandle task, SiteKind kind, long rip) {
        throw new IllegalStateException("RDTSC is trapped only for sessions that want every syscall");
    }
}
