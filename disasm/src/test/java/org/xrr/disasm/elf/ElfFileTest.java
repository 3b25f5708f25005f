package org.xrr.disasm.elf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.NativePrograms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElfFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheProbe() throws Exception {
        ElfFile elf = ElfFile.open(NativePrograms.cpuprobe());
        assertEquals(ElfFile.ET_DYN, elf.type());
        assertTrue(elf.programHeaders().stream().anyMatch(p -> p.isLoad() && p.isExecutable()));
        SectionHeader text = elf.section(".text").orElseThrow();
        assertTrue(text.isCode());
        ElfSymbol cpuid = elf.staticSymbols().stream().filter(s -> s.name().equals("site_cpuid")).findFirst().orElseThrow();
        assertEquals(ElfSymbol.STT_FUNC, cpuid.type());
        assertTrue(cpuid.value() >= text.addr() && cpuid.value() < text.addr() + text.size());
        assertTrue(elf.dynamicSymbols().stream().anyMatch(s -> s.name().equals("printf")));
    }

    @Test
    void buildIdMatchesReadelf() throws Exception {
        Path probe = NativePrograms.cpuprobe();
        Process p = new ProcessBuilder("readelf", "-n", probe.toString()).start();
        String notes = new String(p.getInputStream().readAllBytes());
        String expected = notes.lines().filter(l -> l.contains("Build ID:")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElseThrow();
        assertEquals(expected, ElfFile.open(probe).buildId().orElseThrow());
    }

    @Test
    void rejectsATextFile() throws IOException {
        Path f = Files.writeString(tmp.resolve("notes.txt"), "hello, not an ELF\n");
        assertProblem(f, "not an ELF file");
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        assertProblem(Files.createFile(tmp.resolve("empty")), "not an ELF file");
    }

    @Test
    void rejects32Bit() throws IOException {
        byte[] image = probeBytes();
        image[4] = 1;
        assertProblem(write("x86.elf", image), "32-bit ELF");
    }

    @Test
    void rejectsAnotherMachine() throws IOException {
        byte[] image = probeBytes();
        image[18] = (byte) 183; // EM_AARCH64
        assertProblem(write("arm.elf", image), "not an x86-64 ELF");
    }

    @Test
    void rejectsATruncatedHeader() throws IOException {
        assertProblem(write("head.elf", Arrays.copyOf(probeBytes(), 40)), "truncated");
    }

    @Test
    void rejectsAFileCutBeforeItsSectionHeaders() throws IOException {
        byte[] image = probeBytes();
        assertProblem(write("cut.elf", Arrays.copyOf(image, image.length / 2)), "extends past end of file");
    }

    @Test
    void rejectsAMalformedProgramHeaderTable() throws IOException {
        byte[] image = probeBytes();
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putShort(54, (short) 40);
        assertProblem(write("phentsize.elf", image), "malformed: program header entry size 40");
    }

    @Test
    void rejectsASectionNameOutsideItsTable() throws IOException {
        byte[] image = probeBytes();
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(40);
        b.putInt((int) shoff + 64, 0x7fffffff); // the name of section 1
        assertProblem(write("names.elf", image), "outside its string table");
    }

    private byte[] probeBytes() throws IOException {
        return Files.readAllBytes(NativePrograms.cpuprobe());
    }

    private Path write(String name, byte[] image) throws IOException {
        return Files.write(tmp.resolve(name), image);
    }

    private static void assertProblem(Path file, String expected) {
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.open(file).buildId());
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "the message is one line");
    }
}
