package org.xrr.interposer.tracer;

import org.xrr.interposer.ptrace.Ptrace;

/**
 * The frame x86-64 Linux writes on a handler's stack when it delivers a signal (struct
 * rt_sigframe): the return address, the ucontext with the interrupted registers, the siginfo,
 * and above them the FPU and extended state as XSAVE writes it. The handler's RSP points to the
 * frame, RDX to the ucontext and RSI to the siginfo.
 */
public final class SignalFrame {
    /** Where the ucontext starts, after the return address. */
    public static final int UCONTEXT = 8;
    /** Where the siginfo starts: after the ucontext (flags, link, stack_t, sigcontext, mask: 304 bytes). */
    public static final int SIGINFO = UCONTEXT + 304;
    /** The frame up to the end of the siginfo. */
    private static final int BASE = SIGINFO + Ptrace.SIGINFO_SIZE;
    /** Where the sigcontext keeps the pointer to the FPU state. */
    private static final int FPSTATE_POINTER = UCONTEXT + 40 + 23 * 8;
    /** In the FXSAVE image, the software-reserved bytes that say how large the XSAVE image is. */
    private static final int SW_RESERVED = 464;
    private static final int FP_XSTATE_MAGIC1 = 0x46505853;
    private static final int FXSAVE_SIZE = 512;
    /** Far beyond any XSAVE image: a larger one is not a frame the kernel wrote. */
    private static final long MAX = 1 << 16;

    private SignalFrame() {
    }

    /** How many bytes the frame at {@code rsp} spans, up to the end of its XSAVE image. */
    public static int length(Ptrace ptrace, int tid, long rsp) {
        long fpstate = ptrace.peek(tid, rsp + FPSTATE_POINTER);
        if (fpstate == 0) {
            return BASE;
        }
        long sw = ptrace.peek(tid, fpstate + SW_RESERVED);
        long size = (int) sw == FP_XSTATE_MAGIC1 ? sw >>> 32 : FXSAVE_SIZE;
        long length = fpstate + size - rsp;
        if (length < BASE || length > MAX) {
            throw new IllegalStateException("thread " + tid + ": the signal frame at 0x" + Long.toHexString(rsp)
                    + " has its FPU state at 0x" + Long.toHexString(fpstate) + ", which no frame the kernel writes has");
        }
        return (int) length;
    }
}
