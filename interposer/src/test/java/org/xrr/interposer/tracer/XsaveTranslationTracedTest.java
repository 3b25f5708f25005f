package org.xrr.interposer.tracer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.NativePrograms;
import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.cpu.OtherVendorXsave;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A model whose leaf 0xD places the AVX-512 components where the other vendor does: the
 * program's XSAVE, XSAVEOPT and XRSTOR must find k1 where that leaf 0xD says, which only
 * translation makes true on this host (without it, XSAVE overruns the buffer the model sized).
 */
class XsaveTranslationTracedTest {
    @TempDir
    Path work;

    @Test
    void xsaveAndXrstorUseTheModelsOffsets() throws Exception {
        TracedRun run = TracedRun.of(OtherVendorXsave.model(), false, work, NativePrograms.path("xsaveprobe").toString());
        assertEquals(0, run.result().exitCode(), run.output());
        assertEquals(OtherVendorXsave.probeOutput(), run.output());
        assertEquals(1, run.result().stats().traps(SiteKind.XSAVE));
        assertEquals(1, run.result().stats().traps(SiteKind.XSAVEOPT));
    }
}
