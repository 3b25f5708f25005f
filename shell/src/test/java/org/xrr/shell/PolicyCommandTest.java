package org.xrr.shell;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.FeatureCatalogue;
import org.xrr.interposer.cpu.HostCpu;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** xrr policy check, and --policy on xrr run, end to end in process. */
class PolicyCommandTest {
    @TempDir
    Path tmp;

    static Path shipped(String name) {
        return Path.of(System.getProperty("xrr.scripts.dir"), "policies", name);
    }

    @Test
    void checkPrintsTheModelAgainstTheHost() {
        assumeTrue(host().has(FeatureCatalogue.named("rdrand")), "this host has no RDRAND to hide");
        CliRun run = CliRun.of("policy", "check", "--no-cache", shipped("hide-rdrand-rdseed.js").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("policy hide-rdrand-rdseed.js: evaluated in "), run.out());
        assertTrue(run.out().contains("\nvendor     " + host().vendor()), run.out());
        assertTrue(run.out().contains("(same)"), run.out());
        assertTrue(run.out().contains("\nhidden (") && run.out().contains(" rdrand"), run.out());
    }

    @Test
    void checkJsonHasHostModelAndHidden() throws Exception {
        Path policy = Files.writeString(tmp.resolve("brand.js"), "console.log('hi');\ncpu.identity({brand: 'Test CPU'});\n");
        CliRun run = CliRun.of("policy", "check", "--json", "--cache-dir", tmp.resolve("cache").toString(), policy.toString());
        assertEquals(0, run.status(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals("brand.js", json.get("policy").asText());
        assertFalse(json.get("cached").asBoolean());
        assertTrue(json.get("evaluationMillis").asDouble() > 0);
        assertEquals("Test CPU", json.get("model").get("brand").asText());
        assertEquals(host().brand(), json.get("host").get("brand").asText());
        assertEquals(0, json.get("hidden").size());
        assertEquals("hi\n", json.get("output").asText());

        JsonNode again = Json.MAPPER.readTree(CliRun.of("policy", "check", "--json", "--cache-dir",
                tmp.resolve("cache").toString(), policy.toString()).out());
        assertTrue(again.get("cached").asBoolean());
        assertEquals(0.0, again.get("evaluationMillis").asDouble());
        assertEquals("Test CPU", again.get("model").get("brand").asText());
    }

    @Test
    void aFailingPolicyIsOneLineAndExitStatusTwo() throws Exception {
        Path policy = Files.writeString(tmp.resolve("bad.js"), "\nthrow new Error('nope');\n");
        CliRun run = CliRun.of("policy", "check", "--no-cache", policy.toString());
        assertEquals(2, run.status());
        assertEquals("xrr: bad.js:2: the policy threw Error: nope\n", run.err());
        CliRun missing = CliRun.of("policy", "check", tmp.resolve("none.js").toString());
        assertEquals(2, missing.status());
        assertEquals("xrr: policy file " + tmp.resolve("none.js") + " does not exist\n", missing.err());
        CliRun badArg = CliRun.of("policy", "check", "--arg", "oops", policy.toString());
        assertEquals(2, badArg.status());
        assertTrue(badArg.err().startsWith("xrr: policy argument \"oops\" is not NAME=VALUE"), badArg.err());
    }

    @Test
    void runWithTheV3PolicyMakesGlibcReportIsaLevelV3() throws Exception {
        assumeTrue(host().has(FeatureCatalogue.named("avx512f")), "this host is below x86-64-v4, so v3 hides nothing glibc sees");
        assertEquals("0x7", isaLevelUnder("x86-64-v3.js"));
        assertEquals("0x3", isaLevelUnder("x86-64-v2.js"));
    }

    @Test
    void runRefusesPolicyArgumentsWithoutAPolicy() {
        CliRun run = CliRun.of("run", "--policy-arg", "t=x", "true");
        assertEquals(2, run.status());
        assertEquals("xrr: --policy-arg needs --policy\n", run.err());
    }

    /** isa_1 as glibc's loader reports it under xrr run with a shipped policy. */
    private String isaLevelUnder(String policy) throws Exception {
        Path out = tmp.resolve(policy + ".txt");
        CliRun run = CliRun.of("run", "--policy", shipped(policy).toString(), "sh", "-c",
                "/lib64/ld-linux-x86-64.so.2 --list-diagnostics > " + out);
        assertEquals(0, run.status(), run.err());
        return Files.readAllLines(out).stream().filter(l -> l.startsWith("x86.cpu_features.isa_1="))
                .map(l -> l.substring(l.indexOf('=') + 1)).findFirst().orElseThrow();
    }

    private static CpuModel host() {
        return new CpuModelBuilder(HostCpu.table(), HostCpu.xcr0()).build();
    }
}
