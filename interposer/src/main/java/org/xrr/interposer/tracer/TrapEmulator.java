package org.xrr.interposer.tracer;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.InstructionOutcome;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.Registers;

/**
 * Answers the trapped instructions from the CPU model. Runs at every trap, so it only reads and
 * writes preallocated buffers: no allocation, no JavaScript.
 */
final class TrapEmulator {
    /** {@link #onBreakpoint} result: the thread was already resumed. */
    static final int RESUMED = -1;
    /** {@link #onBreakpoint} result: the int3 is not one of ours; deliver the SIGTRAP. */
    static final int NOT_OURS = -2;
    private static final int SIGILL = 4;
    private static final int SIGSEGV = 11;
    private static final long CPUID_OPCODE = 0xa20f;
    /** si_code of a fault the kernel raised (a CPUID fault is a #GP), not a signal someone sent. */
    private static final int SI_KERNEL = 0x80;

    private final Ptrace ptrace;
    private final CpuModel model;
    private final RunStats stats;
    private final Registers regs = new Registers();
    private final int[] cpuid = new int[4];
    private final long[] xgetbv = new long[1];

    TrapEmulator(Ptrace ptrace, CpuModel model, RunStats stats) {
        this.ptrace = ptrace;
        this.model = model;
        this.stats = stats;
    }

    /** At a SIGTRAP from an int3. Returns the signal to resume with (0 for none), {@link #RESUMED} or {@link #NOT_OURS}. */
    int onBreakpoint(Tracee t) {
        ptrace.getRegs(t.tid, regs);
        long site = regs.rip() - 1;
        Patch p = t.space.patches.find(site);
        if (p == null) {
            return NOT_OURS;
        }
        if (p.rewritten()) {
            // The thread met the int3 put there while the jump was being written: it is whole now.
            regs.set(Registers.RIP, site);
            ptrace.setRegs(t.tid, regs);
            return 0;
        }
        stats.traps[p.kind().ordinal()]++;
        return switch (p.kind()) {
            case CPUID -> answerCpuid(t, site + p.length());
            case XGETBV -> answerXgetbv(t, site, p.length());
            default -> {
                if (!p.kind().dependsOnXcr0()) {
                    throw new IllegalStateException("no emulation for patched " + p.kind().mnemonic() + " at 0x" + Long.toHexString(site));
                }
                yield stepNarrowed(t, p);
            }
        };
    }

    /**
     * At a SIGSEGV in a process with CPUID faulting: a CPUID at RIP is ours to answer (returns 0);
     * anything else is the program's own fault (returns SIGSEGV, to deliver).
     */
    int onSegv(Tracee t) {
        if (ptrace.sigInfoCode(t.tid) != SI_KERNEL) {
            return SIGSEGV;
        }
        ptrace.getRegs(t.tid, regs);
        long rip = regs.rip();
        if ((ptrace.peekOrZero(t.tid, rip) & 0xffff) != CPUID_OPCODE) {
            return SIGSEGV;
        }
        stats.cpuidFaults++;
        stats.traps[SiteKind.CPUID.ordinal()]++;
        return answerCpuid(t, rip + 2);
    }

    /**
     * At the stop that ends a single step over an XSAVE-family site: undo the narrowing and
     * continue after the site. If the step did not complete (a signal came first, or the
     * instruction faulted), RIP goes back to the site, whose int3 traps again later.
     */
    void finishStep(Tracee t) {
        Patch p = t.steppingOver;
        t.steppingOver = null;
        ptrace.getRegs(t.tid, regs);
        long stepped = p.outOfLine() != 0 ? p.outOfLine() : p.address();
        regs.set(Registers.RIP, regs.rip() == stepped + p.length() ? p.address() + p.length() : p.address());
        regs.set(Registers.RAX, t.savedRax);
        regs.set(Registers.RDX, t.savedRdx);
        ptrace.setRegs(t.tid, regs);
        if (p.outOfLine() == 0) {
            ptrace.pokeByte(t.tid, p.address(), (byte) 0xcc);
        }
    }

    private int answerCpuid(Tracee t, long next) {
        model.cpuid((int) regs.get(Registers.RAX), (int) regs.get(Registers.RCX), cpuid);
        regs.set(Registers.RAX, Integer.toUnsignedLong(cpuid[0]));
        regs.set(Registers.RBX, Integer.toUnsignedLong(cpuid[1]));
        regs.set(Registers.RCX, Integer.toUnsignedLong(cpuid[2]));
        regs.set(Registers.RDX, Integer.toUnsignedLong(cpuid[3]));
        regs.set(Registers.RIP, next);
        ptrace.setRegs(t.tid, regs);
        return 0;
    }

    /** XGETBV(1) needs the thread's XINUSE, which the kernel shows as XSTATE_BV of its saved state. */
    private int answerXgetbv(Tracee t, long site, int length) {
        int index = (int) regs.get(Registers.RCX);
        long inUse = index == 1 ? ptrace.xstateInUse(t.tid) : 0;
        InstructionOutcome outcome = model.xgetbv(index, inUse, xgetbv);
        if (outcome != InstructionOutcome.OK) {
            // #GP or #UD: the kernel would report the fault at the instruction itself.
            int signal = outcome == InstructionOutcome.UD ? SIGILL : SIGSEGV;
            regs.set(Registers.RIP, site);
            ptrace.setRegs(t.tid, regs);
            ptrace.setKernelSigInfo(t.tid, signal);
            return signal;
        }
        regs.set(Registers.RAX, xgetbv[0] & 0xffffffffL);
        regs.set(Registers.RDX, xgetbv[0] >>> 32);
        regs.set(Registers.RIP, site + length);
        ptrace.setRegs(t.tid, regs);
        return 0;
    }

    /**
     * The XSAVE family writes (or reads) the components in RFBM = XCR0 & EDX:EAX, and the real
     * XCR0 may be larger than the model's: narrow EDX:EAX to the model's XCR0 and single-step the
     * real instruction. The image then has exactly the size and layout the model's CPUID leaf
     * 0xD promised. The step runs the copy in the scratch page, so the int3 at the site stays
     * and no other thread can pass it meanwhile; only an instruction without a copy is stepped
     * in place, with its original byte back for that one step. {@link #finishStep} restores the rest.
     */
    private int stepNarrowed(Tracee t, Patch p) {
        long xcr0 = model.xcr0();
        t.savedRax = regs.get(Registers.RAX);
        t.savedRdx = regs.get(Registers.RDX);
        regs.set(Registers.RAX, t.savedRax & xcr0 & 0xffffffffL);
        regs.set(Registers.RDX, t.savedRdx & (xcr0 >>> 32));
        if (p.outOfLine() != 0) {
            regs.set(Registers.RIP, p.outOfLine());
        } else {
            regs.set(Registers.RIP, p.address());
            ptrace.pokeByte(t.tid, p.address(), p.original());
        }
        ptrace.setRegs(t.tid, regs);
        t.steppingOver = p;
        ptrace.singleStep(t.tid);
        return RESUMED;
    }
}
