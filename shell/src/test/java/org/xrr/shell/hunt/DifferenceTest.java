package org.xrr.shell.hunt;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DifferenceTest {
    private static NormalizedEvent event(int thread, String text) {
        return new NormalizedEvent(thread, text, text, null, 0, NormalizedEvent.NOTHING_WRITTEN);
    }

    private static NormalizedEvent reading(Source source, long value) {
        return new NormalizedEvent(1, "read " + source, "read " + source, source, value, NormalizedEvent.NOTHING_WRITTEN);
    }

    private static Behaviour behaviour(List<NormalizedEvent> events) {
        return new Behaviour("out\n", "", 0, events);
    }

    @Test
    void identicalRunsDoNotDiffer() {
        List<NormalizedEvent> events = List.of(event(1, "a"), reading(Source.TIME, 5), event(1, "b"));
        assertTrue(Difference.between(behaviour(events), behaviour(events)).isEmpty());
    }

    @Test
    void aDifferenceAfterAClockReadingComesFromTime() {
        List<NormalizedEvent> a = List.of(event(1, "a"), reading(Source.RANDOMNESS, 1), reading(Source.TIME, 5), event(1, "write 10"));
        List<NormalizedEvent> b = List.of(event(1, "a"), reading(Source.RANDOMNESS, 1), reading(Source.TIME, 6), event(1, "write 11"));
        Difference d = Difference.between(behaviour(a), behaviour(b)).orElseThrow();
        assertEquals(3, d.index());
        assertEquals(Source.TIME, d.source());
    }

    @Test
    void theLastSourceThatDifferedIsTheLikelyOneAndTheOthersAreListed() {
        List<NormalizedEvent> a = List.of(reading(Source.TIME, 1), reading(Source.RANDOMNESS, 1), event(1, "write 10"));
        List<NormalizedEvent> b = List.of(reading(Source.TIME, 2), reading(Source.RANDOMNESS, 2), event(1, "write 11"));
        Difference d = Difference.between(behaviour(a), behaviour(b)).orElseThrow();
        assertEquals(Source.RANDOMNESS, d.source());
        assertEquals(java.util.Set.of(Source.TIME, Source.RANDOMNESS), d.candidates());
    }

    @Test
    void theSameEventsInAnotherOrderOfThreadsAreScheduling() {
        List<NormalizedEvent> a = List.of(event(1, "clone"), event(2, "write A"), event(3, "write B"), event(1, "exit"));
        List<NormalizedEvent> b = List.of(event(1, "clone"), event(3, "write B"), event(2, "write A"), event(1, "exit"));
        Difference d = Difference.between(behaviour(a), behaviour(b)).orElseThrow();
        assertEquals(1, d.index());
        assertEquals(Source.SCHEDULING, d.source());
    }

    @Test
    void aDifferenceWithNothingReadDifferentlyIsTheEnvironment() {
        List<NormalizedEvent> a = new ArrayList<>(List.of(event(1, "read = 4 #aa")));
        List<NormalizedEvent> b = new ArrayList<>(List.of(event(1, "read = 4 #bb")));
        assertEquals(Source.ENVIRONMENT, Difference.between(behaviour(a), behaviour(b)).orElseThrow().source());
    }

    @Test
    void outputAndExitStatusCountWhenTheEventsAgree() {
        List<NormalizedEvent> events = List.of(event(1, "a"));
        Behaviour a = new Behaviour("one\ntwo\n", "", 0, events);
        Behaviour b = new Behaviour("one\nthree\n", "", 0, events);
        Difference d = Difference.between(a, b).orElseThrow();
        assertEquals("output", d.what());
        assertEquals("line 2: two", d.left());
        Behaviour c = new Behaviour("one\ntwo\n", "", 3, events);
        assertEquals("exit status", Difference.between(a, c).orElseThrow().what());
    }
}
