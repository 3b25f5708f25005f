package org.xrr.interposer.trace;

import org.xrr.disasm.x86.SiteKind;

import java.util.function.ToIntFunction;

/**
 * The numbers the events file uses for enum values. They are part of the format (TRACE-FORMAT.md
 * lists them), so they never follow declaration order: a new constant gets a new number, and the
 * switches below stop compiling until it has one.
 */
final class WireCodes {
    private static final EventKind[] KINDS = inverse(EventKind.class, WireCodes::of);
    private static final SiteKind[] SITES = inverse(SiteKind.class, WireCodes::of);
    private static final SyscallMode[] MODES = inverse(SyscallMode.class, WireCodes::of);
    private static final SignalOutcome[] OUTCOMES = inverse(SignalOutcome.class, WireCodes::of);
    private static final CloneKind[] CLONES = inverse(CloneKind.class, WireCodes::of);

    private WireCodes() {
    }

    static int of(EventKind kind) {
        return switch (kind) {
            case SYSCALL -> 1;
            case TRAP -> 2;
            case SIGNAL -> 3;
            case CLONE -> 4;
            case EXEC -> 5;
            case EXIT -> 6;
            case MAPPED_FILE -> 7;
            case PREEMPTION -> 8;
        };
    }

    static int of(SiteKind site) {
        return switch (site) {
            case CPUID -> 1;
            case XGETBV -> 2;
            case XSAVE -> 3;
            case XSAVE64 -> 4;
            case XSAVEOPT -> 5;
            case XSAVEOPT64 -> 6;
            case XSAVEC -> 7;
            case XSAVEC64 -> 8;
            case XRSTOR -> 9;
            case XRSTOR64 -> 10;
            case FXSAVE -> 11;
            case FXSAVE64 -> 12;
            case FXRSTOR -> 13;
            case FXRSTOR64 -> 14;
            case RDTSC -> 15;
            case RDTSCP -> 16;
            case RDRAND -> 17;
            case RDSEED -> 18;
            case RDPID -> 19;
            case SYSCALL -> 20;
        };
    }

    static int of(SyscallMode mode) {
        return switch (mode) {
            case EXECUTED -> 1;
            case EMULATED -> 2;
        };
    }

    static int of(SignalOutcome outcome) {
        return switch (outcome) {
            case DELIVERED -> 1;
            case FATAL -> 2;
        };
    }

    static int of(CloneKind how) {
        return switch (how) {
            case FORK -> 1;
            case VFORK -> 2;
            case CLONE -> 3;
        };
    }

    /** The event kind with this code, or null if none has it. */
    static EventKind eventKind(int code) {
        return lookup(KINDS, code);
    }

    static SiteKind siteKind(int code) {
        return lookup(SITES, code);
    }

    static SyscallMode syscallMode(int code) {
        return lookup(MODES, code);
    }

    static SignalOutcome signalOutcome(int code) {
        return lookup(OUTCOMES, code);
    }

    static CloneKind cloneKind(int code) {
        return lookup(CLONES, code);
    }

    private static <E> E lookup(E[] byCode, int code) {
        return code >= 0 && code < byCode.length ? byCode[code] : null;
    }

    private static <E extends Enum<E>> E[] inverse(Class<E> type, ToIntFunction<E> code) {
        E[] values = type.getEnumConstants();
        int max = 0;
        for (E e : values) {
            max = Math.max(max, code.applyAsInt(e));
        }
        @SuppressWarnings("unchecked")
        E[] byCode = (E[]) java.lang.reflect.Array.newInstance(type, max + 1);
        for (E e : values) {
            byCode[code.applyAsInt(e)] = e;
        }
        return byCode;
    }
}
