package org.xrr.shell.hunt;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The first place two runs of a program stop agreeing, and the likely source.
 *
 * @param what      where they differ: "output", "exit status" or "event N"
 * @param index     the index of the first differing normalized event, or -1 when the events agree
 * @param left      what the first run did there
 * @param right     what the second run did there
 * @param source    the likely source of the difference
 * @param candidates every source whose readings differed before that point
 */
record Difference(String what, long index, String left, String right, Source source, Set<Source> candidates) {
    /** How {@code b} differs from {@code a}, or empty when they behaved the same. */
    static Optional<Difference> between(Behaviour a, Behaviour b) {
        Optional<Difference> inEvents = inEvents(a.events(), b.events());
        if (inEvents.isPresent()) {
            return inEvents;
        }
        if (!a.stdout().equals(b.stdout())) {
            return Optional.of(readingsBefore(a, b, 0, a.stdout(), b.stdout()).difference("output", -1,
                    firstLine(a.stdout(), b.stdout()), firstLine(b.stdout(), a.stdout())));
        }
        if (!a.stderr().equals(b.stderr())) {
            return Optional.of(readingsBefore(a, b, 1, a.stderr(), b.stderr()).difference("error output", -1,
                    firstLine(a.stderr(), b.stderr()), firstLine(b.stderr(), a.stderr())));
        }
        if (a.status() != b.status()) {
            return Optional.of(readingsBefore(a, b, -1, "", "").difference("exit status", -1, "status " + a.status(),
                    "status " + b.status()));
        }
        return Optional.empty();
    }

    /**
     * The readings that differed before the event that wrote the first differing byte of an
     * output ({@code stream} 0 for stdout, 1 for stderr; -1 for the whole run).
     */
    private static Readings readingsBefore(Behaviour a, Behaviour b, int stream, String left, String right) {
        byte[] x = left.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = right.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long firstDiffering = java.util.Arrays.mismatch(x, y);
        Readings readings = new Readings();
        long offset = 0;
        for (int i = 0; i < a.events().size(); i++) {
            NormalizedEvent e = a.events().get(i);
            if (stream >= 0) {
                offset += e.written()[stream];
                if (offset > firstDiffering) {
                    break;
                }
            }
            readings.compare(e, b.events().get(i));
        }
        return readings;
    }

    /**
     * The first event where the runs part. The same event in another thread is the scheduler's
     * doing. Otherwise the likely source is the last one whose readings differed before that
     * point: a program acts on what it read. Runs that read nothing different and still part
     * saw a different environment (a file's content, a directory listing).
     */
    static Optional<Difference> inEvents(List<NormalizedEvent> a, List<NormalizedEvent> b) {
        Readings readings = new Readings();
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            NormalizedEvent x = a.get(i);
            NormalizedEvent y = b.get(i);
            if (!x.text().equals(y.text()) || x.thread() != y.thread()) {
                if (x.thread() != y.thread() && sameElsewhere(x, b, i)) {
                    return Optional.of(new Difference("event " + i, i, x.describe(), y.describe(), Source.SCHEDULING,
                            Set.copyOf(readings.differed)));
                }
                readings.compare(x, y);
                return Optional.of(readings.difference("event " + i, i, x.describe(), y.describe()));
            }
            readings.compare(x, y);
        }
        if (a.size() != b.size()) {
            String left = a.size() > n ? a.get(n).describe() : "(no more events)";
            String right = b.size() > n ? b.get(n).describe() : "(no more events)";
            return Optional.of(readings.difference("event " + n, n, left, right));
        }
        return Optional.empty();
    }

    /** The nondeterministic sources whose readings differed between two runs, so far. */
    private static final class Readings {
        final Set<Source> differed = new TreeSet<>();
        Source last;

        void compare(NormalizedEvent x, NormalizedEvent y) {
            if (x.input() != null && x.rawValue() != y.rawValue()) {
                differed.add(x.input());
                last = x.input();
            }
        }

        Difference difference(String what, long index, String left, String right) {
            return new Difference(what, index, left, right, last != null ? last : Source.ENVIRONMENT, Set.copyOf(differed));
        }
    }

    /** Whether the other run does the same thing in the same thread a little later: an interleaving that changed. */
    private static boolean sameElsewhere(NormalizedEvent x, List<NormalizedEvent> other, int from) {
        for (int j = from + 1; j < other.size(); j++) {
            NormalizedEvent y = other.get(j);
            if (y.thread() == x.thread()) {
                return y.text().equals(x.text());
            }
        }
        return false;
    }

    private static String firstLine(String text, String other) {
        List<String> mine = text.lines().toList();
        List<String> theirs = other.lines().toList();
        for (int i = 0; i < mine.size(); i++) {
            if (i >= theirs.size() || !mine.get(i).equals(theirs.get(i))) {
                return "line " + (i + 1) + ": " + mine.get(i);
            }
        }
        return mine.size() < theirs.size() ? "(ends after line " + mine.size() + ")" : "(differs in line endings)";
    }

    /** What differed, in one line. */
    String contrast() {
        return what + ": " + left + "  vs  " + right;
    }

    /** What differed and the likely source, in one line. */
    String summary() {
        return contrast() + " (" + source.label() + ")";
    }
}
