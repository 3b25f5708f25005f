package org.xrr.shell.bench;

import org.xrr.shell.UserError;

import java.util.Arrays;
import java.util.List;

/** Times a piece of work several times and reports the median, which a noisy machine disturbs least. */
final class Stopwatch {
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private Stopwatch() {
    }

    static double medianMillis(int runs, Work work) throws Exception {
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return median(millis);
    }

    /** The wall time of running {@code argv} to its end, output discarded; a failure is a UserError naming it. */
    static double processMillis(List<String> argv) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new UserError(String.join(" ", argv) + " failed with status " + p.exitValue());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
