package org.xrr.interposer.ptrace;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CpuBindingTest {
    private static String allowedCpus() throws Exception {
        return Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow().split(":")[1].strip();
    }

    @Test
    void bindsTheThreadToOneCpuAndGivesTheOthersBack() throws Exception {
        String before = allowedCpus();
        try (CpuBinding binding = CpuBinding.bindToCurrentCpu()) {
            assumeTrue(binding.cpu() >= 0, "this machine does not let threads bind to a CPU");
            assertEquals(Integer.toString(binding.cpu()), allowedCpus());
        }
        assertEquals(before, allowedCpus());
    }

    @Test
    void sessionsSideBySideGetCpusOfTheirOwn() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one CPU: nothing to share out");
        CountDownLatch bothBound = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> holdBinding(bothBound, release));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> holdBinding(bothBound, release));
        assertTrue(bothBound.await(10, TimeUnit.SECONDS));
        release.countDown();
        int a = first.get(10, TimeUnit.SECONDS);
        int b = second.get(10, TimeUnit.SECONDS);
        assumeTrue(a >= 0 && b >= 0, "this machine does not let threads bind to a CPU");
        assertNotEquals(a, b);
    }

    private static int holdBinding(CountDownLatch bound, CountDownLatch release) {
        try (CpuBinding binding = CpuBinding.bindToCurrentCpu()) {
            bound.countDown();
            release.await(10, TimeUnit.SECONDS);
            return binding.cpu();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
