package org.xrr.shell.bench;

import org.xrr.shell.Scratch;
import com.fasterxml.jackson.databind.JsonNode;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.shell.Json;
import org.xrr.shell.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code xrr bench policy}: for each policy, a cold evaluation (a fresh JVM creates the
 * JavaScript context and runs the policy) against the warm path, where the model comes from the
 * model cache, side by side; and how many classes of the JavaScript engine each path loads.
 */
@Command(name = "policy", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "Cold cost of each policy (JavaScript context creation plus evaluation, in a fresh JVM) against the "
                + "cached path, which must load no JavaScript engine.")
public final class PolicyBenchmark implements Callable<Integer> {
    static final double GOAL_MILLIS = 1000;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "The policies to measure (default: the shipped scripts/policies).")
    Path dir;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "Fresh JVMs per measurement; medians are shown (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new UserError("--runs must be at least 1");
        }
        List<Path> policies = policies(dir != null ? dir : ShippedScripts.policies());
        Path scratch = Files.createTempDirectory("xrr-bench-policy");
        try {
            Path target = hostProfile(scratch);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("each policy in a fresh JVM, median of %d; the target argument is this host's own profile%n%n", runs);
            out.printf("%-24s %14s %14s %14s %9s %15s %15s%n", "policy", "context+eval", "cold process", "warm process",
                    "warm/cold", "JS classes cold", "JS classes warm");
            int met = 0;
            boolean warmLoadsNoEngine = true;
            for (Path policy : policies) {
                Measurement m = measure(scratch, policy, target);
                met += m.evaluation <= GOAL_MILLIS ? 1 : 0;
                warmLoadsNoEngine &= m.warmEngineClasses == 0;
                out.printf("%-24s %11.0f ms %11.0f ms %11.0f ms %8.2fx %15d %15d%n", policy.getFileName(), m.evaluation,
                        m.cold, m.warm, m.warm / m.cold, m.coldEngineClasses, m.warmEngineClasses);
                out.flush();
            }
            out.printf("%ngoal: context creation plus evaluation under %.0f ms: met for %d of %d policies%n", GOAL_MILLIS,
                    met, policies.size());
            out.printf("goal: the warm path loads no JavaScript engine class: %s%n", warmLoadsNoEngine ? "met" : "NOT met");
            out.flush();
            return 0;
        } finally {
            Scratch.delete(scratch);
        }
    }

    private record Measurement(double evaluation, double cold, double warm, int coldEngineClasses, int warmEngineClasses) {
    }

    private Measurement measure(Path scratch, Path policy, Path target) throws Exception {
        double[] evaluation = new double[runs];
        double[] cold = new double[runs];
        double[] warm = new double[runs];
        int coldClasses = 0;
        int warmClasses = 0;
        for (int i = 0; i < runs; i++) {
            Path cache = Files.createTempDirectory(scratch, "cache");
            List<String> check = List.of("policy", "check", "--json", "--cache-dir", cache.toString(),
                    "--arg", "target=" + target, policy.toString());
            XrrProcess.Result first = XrrProcess.run(scratch, check);
            JsonNode result = Json.MAPPER.readTree(first.out());
            if (result.path("cached").asBoolean(true)) {
                throw new UserError("the first evaluation of " + policy + " came from an empty cache");
            }
            XrrProcess.Result second = XrrProcess.run(scratch, check);
            if (!Json.MAPPER.readTree(second.out()).path("cached").asBoolean(false)) {
                throw new UserError("the second evaluation of " + policy + " did not come from the cache");
            }
            evaluation[i] = result.path("evaluationMillis").asDouble();
            cold[i] = first.wallMillis();
            warm[i] = second.wallMillis();
            coldClasses = first.engineClasses();
            warmClasses = Math.max(warmClasses, second.engineClasses());
        }
        return new Measurement(Stopwatch.median(evaluation), Stopwatch.median(cold), Stopwatch.median(warm),
                coldClasses, warmClasses);
    }

    private static List<Path> policies(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + ": no such directory of policies (choose one with --dir)");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> policies = files.filter(f -> f.toString().endsWith(".js")).sorted().toList();
            if (policies.isEmpty()) {
                throw new UserError(dir + ": no .js policies in it");
            }
            return policies;
        }
    }

    /** This host's own profile, so that a policy that needs a target has one that always applies. */
    private static Path hostProfile(Path scratch) throws IOException {
        Path file = scratch.resolve("host.json");
        HostCpu.profile().write(file);
        return file;
    }
}
