package org.xrr.disasm.process;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessMapsTest {
    @Test
    void parsesFileAnonymousAndDeletedMappings() throws IOException {
        Mapping file = ProcessMaps.parse("7f0000001000-7f0000003000 r-xp 00002000 fe:01 1234   /opt/my lib/libx.so");
        assertEquals(0x7f0000001000L, file.start());
        assertEquals(0x2000, file.size());
        assertEquals(0x2000, file.offset());
        assertEquals("/opt/my lib/libx.so", file.path());
        assertTrue(file.isExecutable());
        assertTrue(file.isFile());

        Mapping anon = ProcessMaps.parse("7f0000004000-7f0000005000 rwxp 00000000 00:00 0 ");
        assertEquals("[anonymous]", anon.name());
        assertFalse(anon.isFile());

        Mapping deleted = ProcessMaps.parse("7f0000006000-7f0000007000 r-xp 00000000 fe:01 99 /tmp/gone (deleted)");
        assertFalse(deleted.isFile());
    }

    @Test
    void rejectsGarbage() {
        assertThrows(IOException.class, () -> ProcessMaps.parse("not a maps line"));
    }

    @Test
    void namesAMissingProcess() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ProcessMaps.read(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("no process with pid"));
    }

    @Test
    void readsItsOwnMaps() throws IOException {
        int self = (int) ProcessHandle.current().pid();
        assertTrue(ProcessMaps.read(self).stream().anyMatch(m -> m.path().endsWith("libjvm.so") && m.isExecutable()));
    }
}
