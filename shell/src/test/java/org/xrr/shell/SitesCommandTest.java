package org.xrr.shell;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.JitProbe;
import org.xrr.disasm.testing.NativePrograms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SitesCommandTest {
    @TempDir
    Path tmp;

    @Test
    void tableHasARowPerSiteAndASummary() {
        CliRun run = sites(NativePrograms.cpuprobe().toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("KIND"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  cpuid\\s+0x[0-9a-f]+\\s+0x[0-9a-f]+\\s+2\\s+0f a2\\s+site_cpuid\\+0x[0-9a-f]+\\n.*"), run.out());
        assertTrue(run.out().matches("(?s).*\\n    xsavec64\\s+1\\n.*"), run.out());
        assertTrue(run.out().matches("(?s).*\\n    total\\s+19\\n.*"), run.out());
        assertTrue(run.out().contains("(cache: miss)"));
        assertTrue(sites(NativePrograms.cpuprobe().toString()).out().contains("(cache: hit)"));
    }

    @Test
    void jsonListsEveryKindWithItsFields() throws Exception {
        CliRun run = sites("--json", "--syscalls", NativePrograms.cpuprobe().toString());
        assertEquals(0, run.status(), run.err());
        JsonNode file = Json.MAPPER.readTree(run.out()).get("files").get(0);
        assertEquals(NativePrograms.cpuprobe().toString(), file.get("file").asText());
        assertEquals(40, file.get("buildId").asText().length());
        Set<String> kinds = new HashSet<>();
        for (JsonNode site : file.get("sites")) {
            kinds.add(site.get("kind").asText());
            assertTrue(site.get("address").asText().startsWith("0x"));
            assertTrue(site.get("fileOffset").asText().startsWith("0x"));
            assertEquals("site_" + site.get("kind").asText(), site.get("symbol").asText());
            assertEquals(site.get("length").asInt() * 3 - 1, site.get("bytes").asText().length());
        }
        assertEquals(20, kinds.size());
        assertEquals(20, file.get("summary").get("total").asInt());
    }

    @Test
    void aFileThatIsNotElfIsOneLineAndStatusTwo() throws Exception {
        Path text = Files.writeString(tmp.resolve("readme.txt"), "plain text\n");
        CliRun run = sites(text.toString());
        assertEquals(2, run.status());
        assertEquals("xrr: " + text + ": not an ELF file (no \\x7fELF magic)\n", run.err());
    }

    @Test
    void aMissingFileIsOneLineAndStatusTwo() {
        CliRun run = sites(tmp.resolve("nope").toString());
        assertEquals(2, run.status());
        assertEquals("xrr: " + tmp.resolve("nope") + ": no such file\n", run.err());
    }

    @Test
    void goodFilesAreStillScannedNextToABadOne() throws Exception {
        Path truncated = Files.write(tmp.resolve("cut"), java.util.Arrays.copyOf(Files.readAllBytes(NativePrograms.cpuprobe()), 100));
        CliRun run = sites(truncated.toString(), NativePrograms.cpuprobe().toString());
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("xrr: " + truncated + ": truncated"), run.err());
        assertEquals(1, run.err().lines().count());
        assertTrue(run.out().contains("site_cpuid"));
    }

    @Test
    void filesAndPidTogetherAreRefused() {
        CliRun run = sites("--pid", "1", "/bin/true");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("not both"), run.err());
        assertEquals(2, sites().status());
    }

    @Test
    void aMissingProcessIsNamed() {
        CliRun run = sites("--pid", Integer.toString(Integer.MAX_VALUE));
        assertEquals(2, run.status());
        assertEquals("xrr: no process with pid " + Integer.MAX_VALUE + "\n", run.err());
    }

    @Test
    void scansARunningProcessIncludingAnonymousCode() throws Exception {
        try (JitProbe probe = new JitProbe()) {
            CliRun run = CliRun.of("sites", "--json", "--pid", Integer.toString(probe.pid()));
            assertEquals(0, run.status(), run.err());
            JsonNode doc = Json.MAPPER.readTree(run.out());
            assertEquals(probe.pid(), doc.get("pid").asInt());
            boolean found = false;
            for (JsonNode m : doc.get("mappings")) {
                if (m.get("start").asText().equals("0x" + Long.toHexString(probe.stubAddress()))) {
                    assertEquals("[anonymous]", m.get("name").asText());
                    assertEquals("cpuid", m.get("sites").get(0).get("kind").asText());
                    assertTrue(m.get("sites").get(0).get("fileOffset").isNull());
                    found = true;
                }
            }
            assertTrue(found, run.out());
            CliRun table = CliRun.of("sites", "--pid", Integer.toString(probe.pid()));
            assertTrue(table.out().contains("[anonymous]"), table.out());
            assertFalse(table.out().contains("Exception"));
        }
    }

    private CliRun sites(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "sites";
        all[1] = "--cache-dir";
        all[2] = tmp.resolve("cache").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }
}
