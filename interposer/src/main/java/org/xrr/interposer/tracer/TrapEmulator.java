package org.xrr.interposer.tracer;

import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.InstructionOutcome;
import org.xrr.interposer.cpu.XsaveTranslation;
import org.xrr.interposer.ptrace.Ptrace;
import org.xrr.interposer.ptrace.PtraceException;
import org.xrr.interposer.ptrace.Registers;
import org.xrr.interposer.ptrace.TaskMemory;

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

    private static final long RDTSC_OPCODE = 0x310f;
    private static final int MAX_INSTRUCTION = 15;
    /** XSAVE and XRSTOR need a 64-byte aligned image: these address bits must be clear. */
    private static final long MISALIGNED = 63;
    private static final long RDTSCP_OPCODE = 0xf9010f;

    private final Ptrace ptrace;
    private final CpuModel model;
    private final RunStats stats;
    private final SessionHooks hooks;
    private final long[] in = new long[2];
    private final long[] out = new long[4];
    private final Registers regs = new Registers();
    private final int[] cpuid = new int[4];
    private final long[] xgetbv = new long[1];
    /** Null when the model lays XSAVE images out as this CPU does; see {@link #emulateTranslated}. */
    private final XsaveTranslation translation;
    private final byte[] instruction = new byte[MAX_INSTRUCTION];
    private final byte[] xstate;
    private final byte[] image;

    /** @param translation between the model's XSAVE layout and this CPU's, or null when they are the same */
    TrapEmulator(Ptrace ptrace, CpuModel model, XsaveTranslation translation, RunStats stats, SessionHooks hooks) {
        this.ptrace = ptrace;
        this.model = model;
        this.translation = translation;
        this.stats = stats;
        this.hooks = hooks;
        this.xstate = translation == null ? null : new byte[Ptrace.XSTATE_BYTES];
        this.image = translation == null ? null : new byte[translation.modelSize()];
    }

    /**
     * The instructions {@link #emulateTranslated} emulates when layouts differ: those that write
     * or may read the standard format. XSAVEC writes the compacted format, the same on both CPUs
     * when every component has the same size and alignment, which the portability check demands.
     */
    static boolean translates(SiteKind kind) {
        return switch (kind) {
            case XSAVE, XSAVE64, XSAVEOPT, XSAVEOPT64, XRSTOR, XRSTOR64 -> true;
            default -> false;
        };
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
            case CPUID -> answerCpuid(t, site, site + p.length());
            case XGETBV -> answerXgetbv(t, site, p.length());
            default -> {
                if (!p.kind().dependsOnXcr0()) {
                    throw new IllegalStateException("no emulation for patched " + p.kind().mnemonic() + " at 0x" + Long.toHexString(site));
                }
                yield translation != null && translates(p.kind()) ? emulateTranslated(t, p, site) : stepNarrowed(t, p);
            }
        };
    }

    /**
     * At a SIGSEGV the kernel raised: a CPUID (under CPUID faulting) or an RDTSC/RDTSCP (under
     * PR_TSC_SIGSEGV) at RIP is ours to answer (returns 0); anything else is the program's own
     * fault (returns SIGSEGV, to deliver).
     */
    int onSegv(Tracee t) {
        if (ptrace.sigInfoCode(t.tid) != SI_KERNEL) {
            return SIGSEGV;
        }
        ptrace.getRegs(t.tid, regs);
        long rip = regs.rip();
        long code = ptrace.peekOrZero(t.tid, rip);
        if ((code & 0xffff) == CPUID_OPCODE && t.space.cpuidFaulting) {
            stats.cpuidFaults++;
            stats.traps[SiteKind.CPUID.ordinal()]++;
            return answerCpuid(t, rip, rip + 2);
        }
        if ((code & 0xffff) == RDTSC_OPCODE) {
            return answerRdtsc(t, SiteKind.RDTSC, rip, 2);
        }
        if ((code & 0xffffff) == RDTSCP_OPCODE) {
            return answerRdtsc(t, SiteKind.RDTSCP, rip, 3);
        }
        return SIGSEGV;
    }

    /** RDTSCP also writes IA32_TSC_AUX to ECX, which Linux sets to the CPU number: xrr says CPU 0. */
    private int answerRdtsc(Tracee t, SiteKind kind, long rip, int length) {
        stats.traps[kind.ordinal()]++;
        long tsc = hooks.rdtsc(t.handle, kind, rip);
        regs.set(Registers.RAX, tsc & 0xffffffffL);
        regs.set(Registers.RDX, tsc >>> 32);
        if (kind == SiteKind.RDTSCP) {
            regs.set(Registers.RCX, 0);
        }
        regs.set(Registers.RIP, rip + length);
        ptrace.setRegs(t.tid, regs);
        return 0;
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

    private int answerCpuid(Tracee t, long site, long next) {
        in[0] = regs.get(Registers.RAX) & 0xffffffffL;
        in[1] = regs.get(Registers.RCX) & 0xffffffffL;
        model.cpuid((int) in[0], (int) in[1], cpuid);
        for (int i = 0; i < 4; i++) {
            out[i] = Integer.toUnsignedLong(cpuid[i]);
        }
        regs.set(Registers.RAX, out[0]);
        regs.set(Registers.RBX, out[1]);
        regs.set(Registers.RCX, out[2]);
        regs.set(Registers.RDX, out[3]);
        hooks.onTrap(t.handle, SiteKind.CPUID, site, in, out);
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
     * XSAVE, XSAVEOPT and XRSTOR where the model's layout is not this CPU's (a trace recorded on
     * another vendor): the image in memory has the model's layout, the hardware would use this
     * CPU's, so the instruction is not run but done here, through the thread's state as ptrace
     * shows it (NT_X86_XSTATE, this CPU's layout), moving each component to its place. XSAVEOPT
     * is done as XSAVE, which writes all that XSAVEOPT may. An XRSTOR of a compacted image needs
     * no moving and runs as usual. Faults are the hardware's: a register operand, a misaligned
     * or inaccessible image, or an image XRSTOR rejects gets SIGSEGV at the instruction. The x87
     * instruction and data pointers are stored in their 64-bit form whatever REX.W says.
     */
    private int emulateTranslated(Tracee t, Patch p, long site) {
        long next = site + p.length();
        boolean restore = p.kind() == SiteKind.XRSTOR || p.kind() == SiteKind.XRSTOR64;
        long rfbm = (regs.get(Registers.RDX) << 32 | regs.get(Registers.RAX) & 0xffffffffL) & model.xcr0();
        // Only as far as the instruction reaches: the program sized its buffer for its own mask.
        int extent = translation.extent(rfbm);
        long address = TaskMemory.read(t.tid, site, instruction, p.length()) ? operand(p, next) : MemoryOperand.NOT_MEMORY;
        if (address == MemoryOperand.NOT_MEMORY || (address & MISALIGNED) != 0 || !TaskMemory.read(t.tid, address, image, extent)) {
            return fault(t, site);
        }
        if (restore && XsaveTranslation.isCompacted(image)) {
            return stepNarrowed(t, p);
        }
        int size = ptrace.getXstate(t.tid, xstate);
        if (restore) {
            translation.restore(image, rfbm, xstate);
            try {
                ptrace.setXstate(t.tid, xstate, size);
            } catch (PtraceException e) {
                return fault(t, site);
            }
        } else {
            translation.save(xstate, rfbm, image);
            if (!TaskMemory.writeAsTask(t.tid, address, image, extent)) {
                return fault(t, site);
            }
        }
        regs.set(Registers.RIP, next);
        ptrace.setRegs(t.tid, regs);
        return 0;
    }

    private long operand(Patch p, long next) {
        instruction[0] = p.original();
        return MemoryOperand.address(instruction, p.length(), regs, next);
    }

    /** The fault the hardware raises at the instruction: SIGSEGV, as from the kernel. */
    private int fault(Tracee t, long site) {
        regs.set(Registers.RIP, site);
        ptrace.setRegs(t.tid, regs);
        ptrace.setKernelSigInfo(t.tid, SIGSEGV);
        return SIGSEGV;
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
