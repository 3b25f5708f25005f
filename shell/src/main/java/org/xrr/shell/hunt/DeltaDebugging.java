package org.xrr.shell.hunt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Zeller's ddmin: from a set of changes that together make a test fail, a subset that still does
 * and from which no single change can be dropped (1-minimal). Each round's candidate subsets and
 * complements are tested side by side in the pool, and every result is remembered.
 */
final class DeltaDebugging<T> {
    /** Whether applying exactly these changes makes the test fail (here: changes the behaviour). */
    @FunctionalInterface
    interface Test<T> {
        boolean fails(List<T> changes) throws Exception;
    }

    private final Test<T> test;
    private final CellPool pool;
    private final Map<Set<T>, Boolean> known = new HashMap<>();

    DeltaDebugging(Test<T> test, CellPool pool) {
        this.test = test;
        this.pool = pool;
    }

    /** Tells the search what a test of {@code changes} gave, found before it started: it is not run again. */
    void know(List<T> changes, boolean fails) {
        known.put(key(changes), fails);
    }

    /** How many distinct subsets were tested or told. */
    int tests() {
        return known.size();
    }

    /** A 1-minimal subset of {@code changes}, which must make the test fail as a whole. */
    List<T> minimize(List<T> changes) throws Exception {
        List<T> current = List.copyOf(changes);
        int n = 2;
        while (current.size() >= 2) {
            List<List<T>> parts = split(current, n);
            List<List<T>> candidates = new ArrayList<>(parts);
            if (n > 2) {
                for (List<T> part : parts) {
                    candidates.add(complement(current, part));
                }
            }
            int failing = firstFailing(candidates);
            if (failing >= 0 && failing < parts.size()) {
                current = candidates.get(failing);
                n = 2;
            } else if (failing >= 0) {
                current = candidates.get(failing);
                n = Math.max(n - 1, 2);
            } else if (n < current.size()) {
                n = Math.min(2 * n, current.size());
            } else {
                break;
            }
        }
        return current;
    }

    private int firstFailing(List<List<T>> candidates) throws Exception {
        List<List<T>> unknown = candidates.stream().filter(c -> !known.containsKey(key(c))).distinct().toList();
        List<Boolean> results = pool.map(unknown, test::fails);
        for (int i = 0; i < unknown.size(); i++) {
            known.put(key(unknown.get(i)), results.get(i));
        }
        for (int i = 0; i < candidates.size(); i++) {
            if (known.get(key(candidates.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static <T> Set<T> key(List<T> changes) {
        return new LinkedHashSet<>(changes);
    }

    private static <T> List<List<T>> split(List<T> all, int n) {
        List<List<T>> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
            int end = start + (all.size() - start) / (n - i);
            parts.add(List.copyOf(all.subList(start, end)));
            start = end;
        }
        return parts;
    }

    private static <T> List<T> complement(List<T> all, List<T> part) {
        List<T> rest = new ArrayList<>(all);
        rest.removeAll(part);
        return List.copyOf(rest);
    }
}
