package org.xrr.shell.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xrr.interposer.cpu.CpuFeature;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.cpu.Xcr0;
import org.xrr.interposer.policy.Policy;
import org.xrr.interposer.policy.PolicyArguments;
import org.xrr.interposer.policy.PolicyEvaluator;
import org.xrr.interposer.policy.PolicyException;
import org.xrr.interposer.policy.PolicyModelCache;
import org.xrr.shell.Json;
import org.xrr.shell.UserError;
import org.xrr.shell.XdgDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code xrr policy check}: what a policy makes of this host, without running anything. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "Evaluate a policy on this host and print the model it computes against the host: "
                + "vendor, brand, signature, XCR0 and the features it hides.")
public final class PolicyCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.js", description = "The policy.")
    Path file;

    @Option(names = {"--arg", "--policy-arg"}, paramLabel = "NAME=VALUE",
            description = "An argument for the policy; a VALUE naming a CPU profile file is read by xrr and given to the policy as data.")
    List<String> args = new ArrayList<>();

    @Option(names = "--force", description = "Hide, rather than refuse, features the policy shows that this host lacks.")
    boolean force;

    @Option(names = "--no-cache", description = "Evaluate the policy even if the model cache has its model, and keep nothing.")
    boolean noCache;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Keep computed models here (default: ${XDG_CACHE_HOME:-~/.cache}/xrr/policies).")
    Path cacheDir;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Policy policy;
        PolicyArguments arguments;
        try {
            policy = Policy.load(file);
            arguments = PolicyArguments.parse(args);
        } catch (PolicyException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        CpuidTable table = HostCpu.table();
        long xcr0 = HostCpu.xcr0();
        PolicyEvaluator evaluator = new PolicyEvaluator(noCache ? null
                : new PolicyModelCache(cacheDir != null ? cacheDir : XdgDirectories.policyCache()));
        PolicyEvaluator.Outcome outcome = PolicyRunner.evaluate(evaluator, policy, arguments, table, xcr0,
                () -> new CpuModelBuilder(table, xcr0).force(force), "force=" + force);
        CpuModel host = new CpuModelBuilder(table, xcr0).build();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(toJson(policy, arguments, host, outcome), out);
        } else {
            print(policy, host, outcome, out);
        }
        out.flush();
        return 0;
    }

    private static void print(Policy policy, CpuModel host, PolicyEvaluator.Outcome outcome, PrintWriter out) {
        CpuModel model = outcome.model();
        out.println("policy " + policy.name() + (outcome.cached() ? ": model from the cache, no JavaScript run"
                : ": evaluated in " + outcome.evaluationNanos() / 1_000_000 + " ms"));
        out.printf("%-10s %-48s %s%n", "", "host", "model");
        row(out, "vendor", host.vendor(), model.vendor());
        row(out, "brand", host.brand(), model.brand());
        row(out, "signature", signature(host), signature(model));
        row(out, "XCR0", Xcr0.describe(host.xcr0()), Xcr0.describe(model.xcr0()));
        List<String> hidden = hidden(host, model);
        out.println("hidden (" + hidden.size() + "): " + (hidden.isEmpty() ? "nothing" : String.join(" ", hidden)));
        if (!outcome.output().isEmpty()) {
            out.println("the policy printed:");
            outcome.output().lines().forEach(line -> out.println("  " + line));
        }
    }

    private static void row(PrintWriter out, String what, String host, String model) {
        String shown = model.equals(host) ? "(same)" : model;
        if (host.length() > 48) {
            out.printf("%-10s %s%n%-10s %-48s %s%n", what, host, "", "", shown);
        } else {
            out.printf("%-10s %-48s %s%n", what, host, shown);
        }
    }

    private static String signature(CpuModel m) {
        return String.format("family 0x%x model 0x%x stepping %d", m.family(), m.model(), m.stepping());
    }

    /** Features the host shows and the model does not, in catalogue order. */
    private static List<String> hidden(CpuModel host, CpuModel model) {
        return host.features().stream().filter(f -> !model.has(f)).map(CpuFeature::name).toList();
    }

    private static ObjectNode toJson(Policy policy, PolicyArguments arguments, CpuModel host, PolicyEvaluator.Outcome outcome) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("policy", policy.name());
        ObjectNode args = root.putObject("arguments");
        arguments.values().forEach(args::put);
        root.put("cached", outcome.cached());
        root.put("evaluationMillis", outcome.evaluationNanos() / 1_000_000.0);
        describe(root.putObject("host"), host);
        describe(root.putObject("model"), outcome.model());
        hidden(host, outcome.model()).forEach(root.putArray("hidden")::add);
        root.put("output", outcome.output());
        return root;
    }

    private static void describe(ObjectNode node, CpuModel m) {
        node.put("vendor", m.vendor());
        node.put("brand", m.brand());
        node.put("family", m.family());
        node.put("model", m.model());
        node.put("stepping", m.stepping());
        node.put("xcr0", Json.hex(m.xcr0()));
        node.put("features", m.features().size());
    }
}
