package org.xrr.interposer.policy;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The {@code NAME=VALUE} arguments a user gives a policy, by name. */
public final class PolicyArguments {
    public static final PolicyArguments NONE = new PolicyArguments(new TreeMap<>());
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> values;

    private PolicyArguments(TreeMap<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Parses {@code NAME=VALUE} pairs; a malformed or repeated name is an IllegalArgumentException. */
    public static PolicyArguments parse(Collection<String> pairs) {
        TreeMap<String, String> values = new TreeMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq < 0 || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("policy argument \"" + pair + "\" is not NAME=VALUE"
                        + " (NAME: letters, digits and _, not starting with a digit)");
            }
            if (values.putIfAbsent(name, pair.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("policy argument " + name + " is given twice");
            }
        }
        return new PolicyArguments(values);
    }

    /** The arguments in name order, which is also the order the model cache hashes them in. */
    public Map<String, String> values() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
