package org.xrr.shell.policy;

import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.policy.Policy;
import org.xrr.interposer.policy.PolicyArguments;
import org.xrr.interposer.policy.PolicyEvaluator;
import org.xrr.interposer.policy.PolicyException;
import org.xrr.interposer.policy.PolicyModelCache;
import org.xrr.shell.UserError;
import org.xrr.shell.XdgDirectories;

import java.util.function.Supplier;

/** Evaluates a policy for a command, through xrr's model cache; a failing policy is a one-line error. */
public final class PolicyRunner {
    private PolicyRunner() {
    }

    /**
     * @param base    makes the builder that holds the command's other model options
     * @param options those options canonically spelled, for the cache key
     */
    public static PolicyEvaluator.Outcome model(Policy policy, PolicyArguments arguments, CpuidTable host, long hostXcr0,
                                                Supplier<CpuModelBuilder> base, String options) {
        return evaluate(new PolicyEvaluator(new PolicyModelCache(XdgDirectories.policyCache())), policy, arguments,
                host, hostXcr0, base, options);
    }

    static PolicyEvaluator.Outcome evaluate(PolicyEvaluator evaluator, Policy policy, PolicyArguments arguments,
                                            CpuidTable host, long hostXcr0, Supplier<CpuModelBuilder> base, String options) {
        try {
            return evaluator.evaluate(policy, arguments, host, hostXcr0, base, options);
        } catch (PolicyException e) {
            throw new UserError(e.getMessage());
        }
    }
}
