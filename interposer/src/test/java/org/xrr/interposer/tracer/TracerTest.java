package org.xrr.interposer.tracer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xrr.disasm.testing.NativePrograms;
import org.xrr.disasm.x86.SiteKind;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuidRegister;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.HostCpu;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real tracees under a masked CPU: the probes, glibc's loader and python3. Each runs with the
 * emulation path (int3 at every CPUID site) and with the kernel's CPUID faulting where the host has it.
 */
class TracerTest {
    private static final long AVX512_STATE = 0xe0;
    private static final int AVX512F_BIT = 1 << 16;

    @TempDir
    static Path work;
    private static CpuidTable host;
    private static long hostXcr0;

    @BeforeAll
    static void readHost() {
        host = HostCpu.table();
        hostXcr0 = HostCpu.xcr0();
    }

    private static CpuModel withoutAvx512() {
        assumeTrue((hostXcr0 & AVX512_STATE) != 0, "this host has no AVX-512 to hide");
        return new CpuModelBuilder(host, hostXcr0).mask("avx512f").build();
    }

    private static String probe(String args) {
        return NativePrograms.cpuprobe() + " " + args;
    }

    @ParameterizedTest(name = "CPUID faulting: {0}")
    @ValueSource(booleans = {false, true})
    void cpuidAnswersFromTheModel(boolean faulting) throws Exception {
        CpuModel model = withoutAvx512();
        TracedRun run = TracedRun.of(model, faulting, work, probe("cpuid 7.0 0xd.0 0xd.1 0xd.5"));
        assertEquals(0, run.result().exitCode());
        List<String> lines = run.output().lines().toList();
        int[] r = new int[4];
        model.cpuid(7, 0, r);
        assertEquals(String.format("0x7.0x0 eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x", r[0], r[1], r[2], r[3]), lines.get(0));
        assertEquals(0, r[1] & AVX512F_BIT);
        model.cpuid(0xd, 5, r);
        assertEquals("0xd.0x5 eax=0x00000000 ebx=0x00000000 ecx=0x00000000 edx=0x00000000", lines.get(3));
        assertTrue(run.result().stats().traps(SiteKind.CPUID) >= 4, "the probe's CPUIDs trapped");
    }

    @Test
    void xgetbvAnswersTheModelXcr0() throws Exception {
        CpuModel model = withoutAvx512();
        TracedRun run = TracedRun.of(model, false, work, probe("xgetbv"));
        assertEquals(0, run.result().exitCode());
        String[] lines = run.output().split("\n");
        assertEquals("xcr0 0x" + Long.toHexString(model.xcr0()), lines[0]);
        assertEquals(0, Long.decode(lines[1].substring("xinuse ".length())) & ~model.xcr0(), "XGETBV(1) stays inside the model XCR0");
        assertEquals(hostXcr0 & ~AVX512_STATE, model.xcr0());
    }

    @Test
    void xgetbvOfAnIndexTheModelLacksFaultsLikeGeneralProtection() throws Exception {
        CpuModel model = new CpuModelBuilder(host, hostXcr0).mask("xgetbv1").build();
        TracedRun run = TracedRun.of(model, false, work, probe("xgetbv"));
        // sh reports its child's SIGSEGV as 128 + 11; natively the probe succeeds
        assertEquals(128 + 11, run.result().exitCode(), run.output());
        assertEquals("", run.output(), "the probe died at XGETBV(1), before printing");
    }

    @Test
    void xsaveWritesOnlyWhatTheModelDeclares() throws Exception {
        CpuModel model = new CpuModelBuilder(host, hostXcr0).xcr0(0x7).build();
        TracedRun run = TracedRun.of(model, false, work, probe("xsave-size"));
        assertEquals(0, run.result().exitCode());
        Map<String, Integer> sizes = run.output().lines().map(l -> l.split(" "))
                .collect(Collectors.toMap(f -> f[0], f -> Integer.parseInt(f[1])));
        int declared = model.xsaveStandardSize();
        assertEquals(576 + host.get(0xd, 2, CpuidRegister.EAX), declared, "x87, SSE and AVX only");
        assertEquals(declared, sizes.get("xsave"));
        assertTrue(sizes.get("xsavec") <= declared, sizes.toString());
        assertTrue(run.result().stats().traps(SiteKind.XSAVE) >= 1);
        assertTrue(run.result().stats().traps(SiteKind.XSAVEC) >= 1);
    }

    @Test
    void everyThreadAndProcessSeesTheSameMaskedCpu() throws Exception {
        CpuModel model = withoutAvx512();
        TracedRun run = TracedRun.of(model, false, work, NativePrograms.path("treeprobe").toString());
        assertEquals(0, run.result().exitCode(), run.output());
        List<String> lines = run.output().lines().toList();
        Set<String> who = lines.stream().map(l -> l.substring(0, l.indexOf(' '))).collect(Collectors.toSet());
        assertEquals(Set.of("main", "main-thread-0", "main-thread-1", "main-thread-2", "main-thread-3", "fork", "fork-thread-0", "exec"), who);
        Set<String> views = lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).collect(Collectors.toSet());
        assertEquals(1, views.size(), "all see one CPU: " + run.output());
        int[] leaf7 = new int[4];
        model.cpuid(7, 0, leaf7);
        assertTrue(views.iterator().next().startsWith(String.format("leaf7.ebx=0x%08x", leaf7[1])), views.toString());
        assertTrue(views.iterator().next().contains("xcr0=0x" + Long.toHexString(model.xcr0())), views.toString());
        assertTrue(run.result().stats().processes() >= 4, "sh, treeprobe, its fork and its vfork+exec");
    }

    @ParameterizedTest(name = "CPUID faulting: {0}")
    @ValueSource(booleans = {false, true})
    void glibcLoaderSeesNoAvx512(boolean faulting) throws Exception {
        CpuModel model = withoutAvx512();
        TracedRun run = TracedRun.of(model, faulting, work, "/lib64/ld-linux-x86-64.so.2 --list-diagnostics");
        assertEquals(0, run.result().exitCode());
        Map<String, String> diag = run.keyValues();
        long isa = Long.decode(diag.get("x86.cpu_features.isa_1"));
        assertEquals(0, isa & 0x8, "no x86-64-v4: " + Long.toHexString(isa));
        assertNotEquals(0, isa & 0x4, "still x86-64-v3");
        assertEquals(glibcXsaveStateSize(0x7), Long.decode(diag.get("x86.cpu_features.xsave_state_size")));
        long leaf7ebx = Long.decode(diag.get("x86.cpu_features.features[0x1].cpuid[0x1]"));
        assertEquals(0, leaf7ebx & 0xdc230000L, "no avx512f/dq/ifma/pf/er/cd/bw/vl bits in leaf 7 EBX");
    }

    @Test
    void glibcLoaderSeesAHaswellLimitedToThisHost() throws Exception {
        Path haswell = Path.of(System.getProperty("xrr.profiles.dir"), "intel-haswell-ep-xeon-e5-2630v3.json");
        CpuModel model = new CpuModelBuilder(host, hostXcr0).present(CpuProfile.load(haswell)).force(true).build();
        TracedRun run = TracedRun.of(model, false, work, "/lib64/ld-linux-x86-64.so.2 --list-diagnostics");
        assertEquals(0, run.result().exitCode());
        Map<String, String> diag = run.keyValues();
        int[] r = new int[4];
        // glibc's cpuid words: index 0 is leaf 1, index 1 is leaf 7 subleaf 0 (EAX, EBX, ECX, EDX)
        int[][] leaves = {{1, 0}, {7, 0}};
        for (int word = 0; word < leaves.length; word++) {
            model.cpuid(leaves[word][0], leaves[word][1], r);
            for (int reg = 0; reg < 4; reg++) {
                String key = "x86.cpu_features.features[0x" + word + "].cpuid[0x" + reg + "]";
                assertEquals(Integer.toUnsignedLong(r[reg]), Long.decode(diag.get(key)), key);
            }
        }
        model.cpuid(7, 0, r);
        int haswellLeaf7Ebx = CpuProfile.load(haswell).table().get(7, 0, CpuidRegister.EBX);
        assertEquals(haswellLeaf7Ebx & host.get(7, 0, CpuidRegister.EBX), r[1], "leaf 7 EBX is Haswell's, intersected with the host's");
        assertEquals("0x6", diag.get("x86.cpu_features.basic.family"));
        assertEquals("0x3f", diag.get("x86.cpu_features.basic.model"));
    }

    /**
     * glibc's XSAVEC buffer size for an XCR0, computed as glibc 2.36 does: 576 bytes plus the
     * components of its save mask (SSE, AVX, MPX, AVX-512) in compacted form, plus its 64-byte
     * save offset, rounded up to 64. Component sizes come from the host's own CPUID.
     */
    private static long glibcXsaveStateSize(long xcr0) {
        long size = 576;
        for (int i = 2; i < 8; i++) {
            if (i != 4 && (xcr0 & (1L << i)) != 0) {
                int align = host.get(0xd, i, CpuidRegister.ECX) & 2;
                size = align != 0 ? (size + 63) & ~63 : size;
                size += host.get(0xd, i, CpuidRegister.EAX);
            }
        }
        return (size + 64 + 63) & ~63;
    }

    @Test
    void pythonWithThreadsAndASubprocessKeepsItsExitStatus() throws Exception {
        assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
        CpuModel model = new CpuModelBuilder(host, hostXcr0).mask("avx2", "avx512f").build();
        String script = "import subprocess, sys, threading\n"
                + "out = []\n"
                + "ts = [threading.Thread(target=lambda i=i: out.append(sum(range(i * 1000)))) for i in range(4)]\n"
                + "[t.start() for t in ts]; [t.join() for t in ts]\n"
                + "child = subprocess.run([sys.executable, '-c', 'print(6 * 7)'], capture_output=True, text=True)\n"
                + "print(len(out), child.stdout.strip())\n"
                + "sys.exit(7)\n";
        Path file = java.nio.file.Files.writeString(work.resolve("script.py"), script);
        TracedRun run = TracedRun.of(model, false, work, "/usr/bin/python3 " + file);
        assertEquals(7, run.result().exitCode());
        assertEquals("4 42\n", run.output());
        assertTrue(run.result().stats().processes() >= 3);
        assertTrue(run.result().stats().sitesRewritten() > 0, "glibc's lazy-binding XSAVEC runs through trampolines");
    }

    @ParameterizedTest(name = "CPUID faulting: {0}")
    @ValueSource(booleans = {false, true})
    void theProgramsOwnCrashesAreItsOwn(boolean faulting) throws Exception {
        CpuModel model = withoutAvx512();
        // a jump to address 0, and a SIGSEGV sent by kill: neither is a CPUID fault
        TracedRun crash = TracedRun.of(model, faulting, work, probe("crash"));
        assertEquals(128 + 11, crash.result().exitCode());
        TracedRun sent = TracedRun.of(model, faulting, work, "sh -c 'kill -SEGV $$'; echo after");
        assertEquals(0, sent.result().exitCode());
        assertEquals("after\n", sent.output());
    }

    @Test
    void deathBySignalIsReportedAsAShellWould() throws Exception {
        CpuModel model = new CpuModelBuilder(host, hostXcr0).build();
        List<String> env = List.of("PATH=/usr/bin:/bin");
        try (var scanner = new org.xrr.disasm.sites.CachedSiteScanner(null)) {
            RunResult r = new Tracer(new Tracer.Config(model, false, false, scanner))
                    .run(new Launch("/bin/sh", List.of("sh", "-c", "kill -SEGV $$"), env));
            assertEquals(11, r.signal());
            assertEquals(128 + 11, r.exitCode());
        }
    }
}
