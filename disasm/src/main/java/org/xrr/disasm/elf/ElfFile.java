package org.xrr.disasm.elf;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A 64-bit little-endian x86-64 ELF file: header, program headers, section headers, symbols and
 * the GNU build-id. The file is memory-mapped, so opening a large library to read its build-id
 * costs a few page faults, not a read of the whole file.
 */
public final class ElfFile {
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    private static final int EM_X86_64 = 62;
    private static final int HEADER_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int SHDR_SIZE = 64;
    private static final int SYM_SIZE = 24;
    private static final int NT_GNU_BUILD_ID = 3;

    private final Path path;
    private final ByteBuffer data;
    private final int type;
    private final long entry;
    private final List<ProgramHeader> programHeaders;
    private final List<SectionHeader> sections;
    private List<ElfSymbol> staticSymbols;
    private List<ElfSymbol> dynamicSymbols;

    private ElfFile(Path path, ByteBuffer data) throws ElfFormatException {
        this.path = path;
        this.data = data.order(ByteOrder.LITTLE_ENDIAN);
        checkIdentity();
        this.type = u16(16);
        this.entry = data.getLong(24);
        this.programHeaders = readProgramHeaders();
        this.sections = readSections();
    }

    /** Opens and validates the file; the message of an ElfFormatException names the problem, not the file. */
    public static ElfFile open(Path path) throws IOException, ElfFormatException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new ElfFormatException("file too large to scan (" + size + " bytes)");
            }
            return new ElfFile(path, channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    /** Parses an in-memory image, e.g. one read from a process. */
    public static ElfFile of(Path name, byte[] image) throws ElfFormatException {
        return new ElfFile(name, ByteBuffer.wrap(image));
    }

    public Path path() {
        return path;
    }

    public long size() {
        return data.capacity();
    }

    public int type() {
        return type;
    }

    public long entry() {
        return entry;
    }

    public List<ProgramHeader> programHeaders() {
        return programHeaders;
    }

    public List<SectionHeader> sections() {
        return sections;
    }

    public Optional<SectionHeader> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Copies {@code length} bytes at file offset {@code offset}. */
    public byte[] bytes(long offset, int length) throws ElfFormatException {
        requireInFile(offset, length, "requested range");
        byte[] out = new byte[length];
        data.get((int) offset, out);
        return out;
    }

    /** .symtab, or empty for a stripped file. */
    public List<ElfSymbol> staticSymbols() throws ElfFormatException {
        if (staticSymbols == null) {
            staticSymbols = readSymbols(SectionHeader.SHT_SYMTAB);
        }
        return staticSymbols;
    }

    /** .dynsym, or empty for a static executable. */
    public List<ElfSymbol> dynamicSymbols() throws ElfFormatException {
        if (dynamicSymbols == null) {
            dynamicSymbols = readSymbols(SectionHeader.SHT_DYNSYM);
        }
        return dynamicSymbols;
    }

    /** The GNU build-id as lower-case hex, from the note segments (or note sections when there are none). */
    public Optional<String> buildId() throws ElfFormatException {
        for (ProgramHeader ph : programHeaders) {
            if (ph.type() == ProgramHeader.PT_NOTE) {
                Optional<String> id = buildIdIn(ph.offset(), ph.fileSize());
                if (id.isPresent()) {
                    return id;
                }
            }
        }
        for (SectionHeader sh : sections) {
            if (sh.type() == SectionHeader.SHT_NOTE) {
                Optional<String> id = buildIdIn(sh.offset(), sh.size());
                if (id.isPresent()) {
                    return id;
                }
            }
        }
        return Optional.empty();
    }

    private void checkIdentity() throws ElfFormatException {
        int size = data.capacity();
        if (size < 4 || data.get(0) != 0x7f || data.get(1) != 'E' || data.get(2) != 'L' || data.get(3) != 'F') {
            throw new ElfFormatException("not an ELF file (no \\x7fELF magic)");
        }
        if (size < 6) {
            throw new ElfFormatException("truncated: " + size + " bytes, the ELF header needs " + HEADER_SIZE);
        }
        int elfClass = data.get(4);
        if (elfClass == 1) {
            throw new ElfFormatException("32-bit ELF (ELFCLASS32): xrr handles 64-bit x86-64 files only");
        }
        if (elfClass != 2) {
            throw new ElfFormatException("malformed: unknown ELF class " + elfClass);
        }
        if (data.get(5) != 1) {
            throw new ElfFormatException("big-endian ELF: xrr handles little-endian x86-64 files only");
        }
        if (size < HEADER_SIZE) {
            throw new ElfFormatException("truncated: " + size + " bytes, the ELF header needs " + HEADER_SIZE);
        }
        int machine = u16(18);
        if (machine != EM_X86_64) {
            throw new ElfFormatException("not an x86-64 ELF (e_machine " + machine + ")");
        }
    }

    private List<ProgramHeader> readProgramHeaders() throws ElfFormatException {
        long phoff = data.getLong(32);
        int entrySize = u16(54);
        int count = u16(56);
        if (count == 0) {
            return List.of();
        }
        if (entrySize != PHDR_SIZE) {
            throw new ElfFormatException("malformed: program header entry size " + entrySize + ", expected " + PHDR_SIZE);
        }
        requireInFile(phoff, (long) count * PHDR_SIZE, "program header table");
        List<ProgramHeader> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = (int) phoff + i * PHDR_SIZE;
            out.add(new ProgramHeader(data.getInt(at), data.getInt(at + 4), data.getLong(at + 8), data.getLong(at + 16),
                    data.getLong(at + 32), data.getLong(at + 40), data.getLong(at + 48)));
        }
        for (ProgramHeader ph : out) {
            if (ph.isLoad() || ph.type() == ProgramHeader.PT_NOTE) {
                requireInFile(ph.offset(), ph.fileSize(), "segment at vaddr 0x" + Long.toHexString(ph.vaddr()));
            }
        }
        return List.copyOf(out);
    }

    private List<SectionHeader> readSections() throws ElfFormatException {
        long shoff = data.getLong(40);
        int entrySize = u16(58);
        int count = u16(60);
        int nameIndex = u16(62);
        if (count == 0 || shoff == 0) {
            return List.of();
        }
        if (entrySize != SHDR_SIZE) {
            throw new ElfFormatException("malformed: section header entry size " + entrySize + ", expected " + SHDR_SIZE);
        }
        requireInFile(shoff, (long) count * SHDR_SIZE, "section header table");
        if (nameIndex >= count) {
            throw new ElfFormatException("malformed: section name table index " + nameIndex + " >= section count " + count);
        }
        int namesAt = (int) shoff + nameIndex * SHDR_SIZE;
        long namesOffset = data.getLong(namesAt + 24);
        long namesSize = data.getLong(namesAt + 32);
        requireInFile(namesOffset, namesSize, "section name table");
        List<SectionHeader> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = (int) shoff + i * SHDR_SIZE;
            String name = string(namesOffset, namesSize, Integer.toUnsignedLong(data.getInt(at)), "section name");
            SectionHeader sh = new SectionHeader(i, name, data.getInt(at + 4), data.getLong(at + 8), data.getLong(at + 16),
                    data.getLong(at + 24), data.getLong(at + 32), data.getInt(at + 40), data.getInt(at + 44),
                    data.getLong(at + 56));
            if (sh.type() != SectionHeader.SHT_NOBITS && i != 0) {
                requireInFile(sh.offset(), sh.size(), "section " + name);
            }
            out.add(sh);
        }
        return List.copyOf(out);
    }

    private List<ElfSymbol> readSymbols(int sectionType) throws ElfFormatException {
        SectionHeader table = sections.stream().filter(s -> s.type() == sectionType).findFirst().orElse(null);
        if (table == null) {
            return List.of();
        }
        if (table.entrySize() != SYM_SIZE) {
            throw new ElfFormatException("malformed: " + table.name() + " entry size " + table.entrySize() + ", expected " + SYM_SIZE);
        }
        if (table.link() <= 0 || table.link() >= sections.size()) {
            throw new ElfFormatException("malformed: " + table.name() + " links to section " + table.link());
        }
        SectionHeader strings = sections.get(table.link());
        int count = (int) (table.size() / SYM_SIZE);
        List<ElfSymbol> out = new ArrayList<>(count);
        for (int i = 1; i < count; i++) {
            int at = (int) table.offset() + i * SYM_SIZE;
            String name = string(strings.offset(), strings.size(), Integer.toUnsignedLong(data.getInt(at)), table.name() + " name");
            int info = data.get(at + 4) & 0xff;
            out.add(new ElfSymbol(name, data.getLong(at + 8), data.getLong(at + 16), info & 0xf, info >>> 4, u16(at + 6)));
        }
        return List.copyOf(out);
    }

    private Optional<String> buildIdIn(long offset, long size) throws ElfFormatException {
        long end = offset + size;
        long at = offset;
        try {
            while (at + 12 <= end) {
                long nameSize = Integer.toUnsignedLong(data.getInt((int) at));
                long descSize = Integer.toUnsignedLong(data.getInt((int) at + 4));
                int noteType = data.getInt((int) at + 8);
                long nameAt = at + 12;
                long descAt = nameAt + align4(nameSize);
                if (descAt + descSize > end) {
                    throw new ElfFormatException("malformed: note at offset 0x" + Long.toHexString(at) + " extends past its segment");
                }
                if (noteType == NT_GNU_BUILD_ID && nameSize == 4 && data.getInt((int) nameAt) == 0x00554e47) {
                    return Optional.of(HexFormat.of().formatHex(bytes(descAt, (int) descSize)));
                }
                at = descAt + align4(descSize);
            }
        } catch (IndexOutOfBoundsException | BufferUnderflowException e) {
            throw new ElfFormatException("malformed: note segment at offset 0x" + Long.toHexString(offset) + " extends past end of file");
        }
        return Optional.empty();
    }

    private String string(long tableOffset, long tableSize, long index, String what) throws ElfFormatException {
        if (index >= tableSize) {
            throw new ElfFormatException("malformed: " + what + " offset " + index + " outside its string table (" + tableSize + " bytes)");
        }
        int start = (int) (tableOffset + index);
        int limit = (int) (tableOffset + tableSize);
        int end = start;
        while (end < limit && data.get(end) != 0) {
            end++;
        }
        byte[] raw = new byte[end - start];
        data.get(start, raw);
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    private void requireInFile(long offset, long length, String what) throws ElfFormatException {
        if (offset < 0 || length < 0 || offset + length > data.capacity() || offset + length < offset) {
            throw new ElfFormatException("truncated or malformed: " + what + " (offset 0x" + Long.toHexString(offset)
                    + ", " + length + " bytes) extends past end of file (" + data.capacity() + " bytes)");
        }
    }

    private int u16(int at) {
        return data.getShort(at) & 0xffff;
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }
}
