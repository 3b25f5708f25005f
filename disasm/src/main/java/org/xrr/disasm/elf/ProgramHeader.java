package org.xrr.disasm.elf;

/** One entry of the program header table (a segment). */
public record ProgramHeader(int type, int flags, long offset, long vaddr, long fileSize, long memSize, long align) {
    public static final int PT_LOAD = 1;
    public static final int PT_NOTE = 4;
    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean isLoad() {
        return type == PT_LOAD;
    }

    public boolean isExecutable() {
        return (flags & PF_X) != 0;
    }
}
