package org.xrr.shell.bench;

import java.util.Arrays;

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

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
