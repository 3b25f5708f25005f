package org.xrr.interposer.tracer;

/**
 * One process's memory as the tracer knows it: which sites carry an int3. Threads share it;
 * fork copies it; exec replaces it.
 */
final class AddressSpace {
    final int pid;
    final PatchTable patches;
    /** CPUID faults in this process (the kernel's CPUID faulting is on for it), so its CPUID sites need no int3. */
    boolean cpuidFaulting;
    /** A page of the process's memory, executable, where instructions are copied to be stepped out of line; 0 if none. */
    long scratch;
    /** Bytes of the scratch page in use. */
    int scratchUsed;

    AddressSpace(int pid, PatchTable patches) {
        this.pid = pid;
        this.patches = patches;
    }

    /** Where the next {@code size} bytes of the scratch area are, or 0 when there is no room (or no area); {@link #takeScratch} reserves them. */
    long nextScratch(int size, int capacity) {
        return scratch == 0 || scratchUsed + size > capacity ? 0 : scratch + scratchUsed;
    }

    void takeScratch(int size) {
        scratchUsed += size;
    }

    AddressSpace fork(int childPid) {
        AddressSpace child = new AddressSpace(childPid, patches.copy());
        child.cpuidFaulting = cpuidFaulting;
        child.scratch = scratch;
        child.scratchUsed = scratchUsed;
        return child;
    }
}
