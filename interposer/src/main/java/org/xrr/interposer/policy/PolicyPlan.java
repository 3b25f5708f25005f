package org.xrr.interposer.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuidRegister;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.RegisterEdit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a policy asked for, in the order it asked: the operations the API recorded, read back
 * from the JSON the sandbox returns. The JSON is checked as strictly as any other input, since
 * the script controls everything in its context, and applied to a {@link CpuModelBuilder}.
 */
final class PolicyPlan {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Policy policy;
    private final List<JsonNode> ops;

    private PolicyPlan(Policy policy, List<JsonNode> ops) {
        this.policy = policy;
        this.ops = ops;
    }

    static PolicyPlan parse(Policy policy, String json) throws PolicyException {
        try {
            JsonNode root = MAPPER.readTree(json);
            JsonNode ops = root == null ? null : root.get("ops");
            if (ops == null || !ops.isArray()) {
                throw invalid(policy, "", "its result has no list of operations");
            }
            List<JsonNode> list = new ArrayList<>();
            ops.forEach(list::add);
            return new PolicyPlan(policy, list);
        } catch (JsonProcessingException e) {
            throw invalid(policy, "", "its result is not JSON: " + e.getOriginalMessage());
        }
    }

    /** Applies every operation; a request the builder refuses names the line that made it. */
    void applyTo(CpuModelBuilder builder, PolicyInput input) throws PolicyException {
        CpuidTable identitySource = input.hostTable();
        for (JsonNode op : ops) {
            String at = op.path("at").asText("");
            try {
                String kind = text(op, "op");
                switch (kind) {
                    case "hide" -> {
                        List<String> names = new ArrayList<>();
                        array(op, "names").forEach(n -> names.add(n.asText()));
                        builder.maskNames(names);
                    }
                    case "intersect" -> builder.intersect(input.profile(text(op, "argument")));
                    case "present" -> {
                        CpuProfile p = input.profile(text(op, "argument"));
                        builder.present(p);
                        identitySource = p.table();
                    }
                    case "xcr0" -> builder.xcr0(number(op, "value"));
                    case "set" -> builder.edit(edit(op, RegisterEdit.Op.SET));
                    case "setBits" -> builder.edit(edit(op, RegisterEdit.Op.SET_BITS));
                    case "clearBits" -> builder.edit(edit(op, RegisterEdit.Op.CLEAR_BITS));
                    case "identity" -> identity(builder, op, CpuModel.restore(identitySource, 0));
                    default -> throw new IllegalArgumentException("unknown operation \"" + kind + "\"");
                }
            } catch (IllegalArgumentException e) {
                throw invalid(policy, at, e.getMessage());
            }
        }
    }

    private static void identity(CpuModelBuilder builder, JsonNode op, CpuModel current) {
        if (op.has("vendor")) {
            builder.vendor(text(op, "vendor"));
        }
        if (op.has("family") || op.has("model") || op.has("stepping")) {
            builder.signature(op.has("family") ? (int) number(op, "family") : current.family(),
                    op.has("model") ? (int) number(op, "model") : current.model(),
                    op.has("stepping") ? (int) number(op, "stepping") : current.stepping());
        }
        if (op.has("brand")) {
            builder.brand(text(op, "brand"));
        }
    }

    private static RegisterEdit edit(JsonNode op, RegisterEdit.Op kind) {
        CpuidRegister register = CpuidRegister.valueOf(text(op, "register").toUpperCase(Locale.ROOT));
        return new RegisterEdit((int) number(op, "leaf"), (int) number(op, "subleaf"), register, kind,
                (int) number(op, "value"));
    }

    private static String text(JsonNode op, String field) {
        JsonNode v = op.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("operation " + op.path("op").asText("?") + ": " + field + " must be a string");
        }
        return v.asText();
    }

    private static long number(JsonNode op, String field) {
        JsonNode v = op.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("operation " + op.path("op").asText("?") + ": " + field
                    + " must be an integer");
        }
        return v.asLong();
    }

    private static JsonNode array(JsonNode op, String field) {
        JsonNode v = op.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("operation " + op.path("op").asText("?") + ": " + field + " must be a list");
        }
        return v;
    }

    static PolicyException invalid(Policy policy, String at, String message) {
        return new PolicyException(PolicyException.Kind.INVALID, (at.isEmpty() ? policy.name() : at) + ": " + message);
    }
}
