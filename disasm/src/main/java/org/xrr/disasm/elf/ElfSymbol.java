package org.xrr.disasm.elf;

/** A symbol of .symtab or .dynsym. */
public record ElfSymbol(String name, long value, long size, int type, int bind, int sectionIndex) {
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    public static final int STT_FILE = 4;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;
    public static final int SHN_UNDEF = 0;
    public static final int SHN_LORESERVE = 0xff00;

    /** Defined in a real section: not undefined, absolute or common. */
    public boolean isInSection() {
        return sectionIndex != SHN_UNDEF && sectionIndex < SHN_LORESERVE;
    }
}
