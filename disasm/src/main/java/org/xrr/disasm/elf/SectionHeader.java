package org.xrr.disasm.elf;

/** One entry of the section header table. */
public record SectionHeader(int index, String name, int type, long flags, long addr, long offset, long size,
                            int link, int info, long entrySize) {
    public static final int SHT_NOBITS = 8;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_DYNSYM = 11;
    public static final int SHT_NOTE = 7;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;

    public boolean isCode() {
        return (flags & SHF_EXECINSTR) != 0 && (flags & SHF_ALLOC) != 0 && type != SHT_NOBITS;
    }
}
