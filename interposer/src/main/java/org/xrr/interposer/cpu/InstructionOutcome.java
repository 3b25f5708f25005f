package org.xrr.interposer.cpu;

/** How an emulated instruction ends, as the hardware would end it. */
public enum InstructionOutcome {
    /** The instruction completes; the emulator writes the result and advances RIP. */
    OK,
    /** The hardware raises #GP; the tracer delivers SIGSEGV, as the kernel would. */
    GP,
    /** The hardware raises #UD; the tracer delivers SIGILL, as the kernel would. */
    UD
}
