package org.xrr.interposer.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xrr.interposer.cpu.CpuFeature;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuProfileException;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.FeatureCatalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a policy is a function of: the host CPU, the arguments, and the profiles that the
 * arguments name. xrr reads the profile files here, so the script only ever receives their data.
 */
final class PolicyInput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CpuidTable hostTable;
    private final long hostXcr0;
    private final PolicyArguments arguments;
    private final Map<String, CpuProfile> profiles;
    private final Map<String, String> profileErrors;

    private PolicyInput(CpuidTable hostTable, long hostXcr0, PolicyArguments arguments,
                        Map<String, CpuProfile> profiles, Map<String, String> profileErrors) {
        this.hostTable = hostTable;
        this.hostXcr0 = hostXcr0;
        this.arguments = arguments;
        this.profiles = Collections.unmodifiableMap(profiles);
        this.profileErrors = Collections.unmodifiableMap(profileErrors);
    }

    /**
     * Reads every argument that names a file as a CPU profile. An argument that is not a file,
     * or not a profile, is only an error if the policy asks for it as a profile.
     */
    static PolicyInput gather(CpuidTable hostTable, long hostXcr0, PolicyArguments arguments) {
        Map<String, CpuProfile> profiles = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        arguments.values().forEach((name, value) -> {
            Path file = Path.of(value);
            if (!Files.isRegularFile(file)) {
                errors.put(name, "\"" + value + "\" names no CPU profile file");
                return;
            }
            try {
                profiles.put(name, CpuProfile.load(file));
            } catch (CpuProfileException e) {
                errors.put(name, e.getMessage());
            }
        });
        return new PolicyInput(Objects.requireNonNull(hostTable), hostXcr0, arguments, profiles, errors);
    }

    CpuidTable hostTable() {
        return hostTable;
    }

    long hostXcr0() {
        return hostXcr0;
    }

    PolicyArguments arguments() {
        return arguments;
    }

    /** The profile the argument names; the plan only refers to arguments the script read as profiles. */
    CpuProfile profile(String argument) {
        CpuProfile p = profiles.get(argument);
        if (p == null) {
            throw new IllegalArgumentException("argument " + argument + " names no CPU profile");
        }
        return p;
    }

    /** The input as the policy API receives it. */
    String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode catalogue = root.putArray("catalogue");
        FeatureCatalogue.all().forEach(f -> catalogue.add(f.name()));
        describe(root.putObject("host"), "this host", hostTable, hostXcr0);
        ObjectNode args = root.putObject("args");
        arguments.values().forEach(args::put);
        ObjectNode loaded = root.putObject("profiles");
        profiles.forEach((name, p) -> describe(loaded.putObject(name), p.name(), p.table(), p.xcr0()));
        profileErrors.forEach((name, error) -> loaded.putObject(name).put("error", error));
        return root.toString();
    }

    /** A CPU as the API's {@code describe} reads it: identity, XCR0, feature names and raw leaves. */
    private static void describe(ObjectNode node, String name, CpuidTable table, long xcr0) {
        CpuModel identity = CpuModel.restore(table, xcr0);
        node.put("name", name);
        node.put("vendor", identity.vendor());
        node.put("brand", identity.brand());
        node.put("family", identity.family());
        node.put("model", identity.model());
        node.put("stepping", identity.stepping());
        node.put("xcr0", xcr0);
        ArrayNode features = node.putArray("features");
        FeatureCatalogue.presentIn(table).stream().map(CpuFeature::name).forEach(features::add);
        ArrayNode leaves = node.putArray("leaves");
        for (CpuidTable.Entry e : table) {
            leaves.addArray().add(e.leaf()).add(e.subleaf()).add(e.eax()).add(e.ebx()).add(e.ecx()).add(e.edx());
        }
    }
}
