package org.xrr.interposer.policy;

import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuidTable;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a policy into a model: from the {@link PolicyModelCache} when it has the key, otherwise
 * by running the policy in the {@link PolicySandbox} and applying its plan. The cached path
 * touches no JavaScript class, so it does not load the engine at all.
 */
public final class PolicyEvaluator {
    /**
     * A policy's model and how it was obtained.
     *
     * @param model        the model, built under the same rules as --mask
     * @param cached       whether it came from the cache, with no JavaScript run
     * @param output       what the policy printed; empty when cached
     * @param evaluationNanos time spent creating the context and running the policy; 0 when cached
     */
    public record Outcome(CpuModel model, boolean cached, String output, long evaluationNanos) {
    }

    private final PolicyModelCache cache;

    /** @param cache where models are kept between sessions; null to always evaluate */
    public PolicyEvaluator(PolicyModelCache cache) {
        this.cache = cache;
    }

    /**
     * The model {@code policy} computes for this host.
     *
     * @param base    makes the builder that holds the session's other model options
     * @param options those options canonically spelled, for the cache key
     */
    public Outcome evaluate(Policy policy, PolicyArguments arguments, CpuidTable host, long hostXcr0,
                            Supplier<CpuModelBuilder> base, String options) throws PolicyException {
        String key = cache == null ? null : cache.key(policy, arguments, host, hostXcr0, options);
        if (key != null) {
            Optional<CpuModel> hit = cache.load(key);
            if (hit.isPresent()) {
                return new Outcome(hit.get(), true, "", 0);
            }
        }
        PolicyInput input = PolicyInput.gather(host, hostXcr0, arguments);
        long start = System.nanoTime();
        PolicySandbox.Result result = new PolicySandbox().evaluate(policy, input.toJson());
        long evaluation = System.nanoTime() - start;
        PolicyPlan plan = PolicyPlan.parse(policy, result.planJson());
        CpuModelBuilder builder = base.get();
        plan.applyTo(builder, input);
        CpuModel model;
        try {
            model = builder.build();
        } catch (IllegalArgumentException e) {
            throw PolicyPlan.invalid(policy, "", e.getMessage());
        }
        if (key != null) {
            cache.store(key, policy, model);
        }
        return new Outcome(model, false, result.output(), evaluation);
    }
}
