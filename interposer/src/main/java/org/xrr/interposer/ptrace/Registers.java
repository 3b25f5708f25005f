package org.xrr.interposer.ptrace;

import com.sun.jna.Memory;

import java.util.Arrays;

/**
 * struct user_regs_struct of x86-64, in native memory that {@link Ptrace} fills and writes back.
 * One instance is reused for every stop, so the trap path allocates nothing.
 */
public final class Registers {
    /** How many 64-bit fields the struct has; {@link #get} indexes them. */
    public static final int COUNT = 27;
    static final int SIZE = COUNT * 8;
    private static final String[] NAMES = {"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8",
        "rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds",
        "es", "fs", "gs"};
    public static final int RBP = 4;
    public static final int RBX = 5;
    public static final int RAX = 10;
    public static final int RCX = 11;
    public static final int RDX = 12;
    public static final int RSI = 13;
    public static final int RDI = 14;
    public static final int ORIG_RAX = 15;
    public static final int RIP = 16;
    public static final int CS = 17;
    public static final int EFLAGS = 18;
    public static final int RSP = 19;
    public static final int R8 = 9;
    public static final int R9 = 8;
    public static final int R10 = 7;
    public static final int FS_BASE = 21;
    public static final int GS_BASE = 22;
    /** The general registers by their number in instruction encodings (RAX 0 ... RSP 4, RBP 5 ... R15 15). */
    private static final int[] BY_ENCODING = {RAX, RCX, RDX, RBX, RSP, 4, RSI, RDI, R8, R9, R10, 6, 3, 2, 1, 0};

    final Memory memory = new Memory(SIZE);

    /** The registers that carry a syscall's six arguments, in order. */
    private static final int[] SYSCALL_ARGUMENTS = {RDI, RSI, RDX, R10, R8, R9};

    public static int syscallArgument(int i) {
        return SYSCALL_ARGUMENTS[i];
    }

    /** The {@code i}th syscall argument (0 to 5). */
    public long syscallArg(int i) {
        return get(SYSCALL_ARGUMENTS[i]);
    }

    /** The name of field {@code index}, as the kernel's struct spells it: {@code rax}, {@code orig_rax}, {@code fs_base}. */
    public static String name(int index) {
        return NAMES[index];
    }

    /** The index of the field named {@code name}, or -1. */
    public static int indexOf(String name) {
        return Arrays.asList(NAMES).indexOf(name);
    }

    public long get(int index) {
        return memory.getLong(index * 8L);
    }

    public void set(int index, long value) {
        memory.setLong(index * 8L, value);
    }

    /** The general register an instruction encodes as {@code number} (0-15). */
    public long general(int number) {
        return get(BY_ENCODING[number]);
    }

    public long rip() {
        return get(RIP);
    }

    /** A copy, for code that must restore registers after borrowing the thread. */
    public void copyTo(Registers other) {
        other.memory.write(0, memory.getByteArray(0, SIZE), 0, SIZE);
    }
}
