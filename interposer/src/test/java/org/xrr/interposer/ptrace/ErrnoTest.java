package org.xrr.interposer.ptrace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrnoTest {
    @Test
    void namesBothWays() {
        assertEquals("ENOENT", Errno.name(2));
        assertEquals("ENOSYS", Errno.name(Errno.ENOSYS));
        assertEquals("EHWPOISON", Errno.name(133));
        assertEquals("ERESTART_RESTARTBLOCK", Errno.name(516));
        assertEquals(38, Errno.number("ENOSYS").orElseThrow());
        assertEquals(514, Errno.number("ERESTARTNOHAND").orElseThrow());
        for (int e = 1; e <= 133; e++) {
            if (e != 41 && e != 58) {
                assertEquals(e, Errno.number(Errno.name(e)).orElseThrow(), "errno " + e);
            }
        }
    }

    @Test
    void valuesLinuxDoesNotDefine() {
        assertEquals("errno 41", Errno.name(41));
        assertEquals("errno 9999", Errno.name(9999));
        assertEquals("errno 0", Errno.name(0));
        assertTrue(Errno.number("EWHATEVER").isEmpty());
    }

    @Test
    void describesAFailedResult() {
        assertEquals("No such file or directory (ENOENT)", Errno.describe(-2));
    }

    @Test
    void restartCodesAreTheKernelsFiveFromErestartsys() {
        for (long code = 512; code <= 516; code++) {
            assertTrue(Errno.isRestart(-code), "-" + code);
        }
        for (long other : new long[] {-4, -511, -517, 512, 0}) {
            assertFalse(Errno.isRestart(other), Long.toString(other));
        }
    }
}
