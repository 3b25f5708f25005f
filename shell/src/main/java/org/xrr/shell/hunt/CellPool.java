package org.xrr.shell.hunt;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the cells of a hunt side by side, each on a thread of its own (a traced session belongs
 * to the thread that started it), and shows their progress on a terminal.
 */
final class CellPool implements AutoCloseable {
    /** The work of one cell. */
    @FunctionalInterface
    interface Cell<T, R> {
        R run(T input) throws Exception;
    }

    private final ExecutorService threads;
    private final ProgressBar bar;
    private int cellsRun;

    /** @param progress show a progress bar (on a terminal) */
    CellPool(int jobs, String task, boolean progress) {
        this.threads = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "xrr-hunt-cell");
            t.setDaemon(true);
            return t;
        });
        this.bar = progress ? new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setStyle(ProgressBarStyle.ASCII)
                .continuousUpdate().build() : null;
    }

    /** How many cells ran so far. */
    synchronized int cellsRun() {
        return cellsRun;
    }

    /** Runs {@code cell} on every input, side by side; the results come in the order of the inputs. */
    <T, R> List<R> map(List<T> inputs, Cell<T, R> cell) throws Exception {
        List<Future<R>> futures = new ArrayList<>();
        for (T input : inputs) {
            futures.add(threads.submit(() -> {
                try {
                    return cell.run(input);
                } finally {
                    stepped();
                }
            }));
        }
        List<R> results = new ArrayList<>();
        for (Future<R> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                // The other cells are traced sessions: they finish (or fail) before anything is cleaned up.
                futures.forEach(other -> other.cancel(false));
                for (Future<R> other : futures) {
                    try {
                        other.get();
                    } catch (ExecutionException | java.util.concurrent.CancellationException ignored) {
                        // Only the first failure is reported.
                    }
                }
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }
        return results;
    }

    /** Announces how many cells are still to come, when that is known. */
    void expect(int cells) {
        if (bar != null) {
            bar.maxHint(bar.getCurrent() + cells);
        }
    }

    private synchronized void stepped() {
        cellsRun++;
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        if (bar != null) {
            bar.close();
        }
    }
}
