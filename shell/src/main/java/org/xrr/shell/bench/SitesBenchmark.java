package org.xrr.shell.bench;

import org.xrr.shell.Scratch;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.xrr.disasm.elf.ElfFile;
import org.xrr.disasm.elf.ElfFormatException;
import org.xrr.disasm.elf.SectionHeader;
import org.xrr.disasm.objdump.ObjdumpOracle;
import org.xrr.disasm.objdump.OracleComparison;
import org.xrr.disasm.sites.CacheStatus;
import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.ScanOptions;
import org.xrr.disasm.sites.ScanResult;
import org.xrr.disasm.sites.Site;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.disasm.sites.SiteScanner;
import org.xrr.disasm.x86.SiteKind;
import org.xrr.shell.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code xrr bench sites}: the site scanner against {@code objdump -d} on the same files, cold
 * (cache bypassed) and warm (from the cache), with ratios; and, with {@code --sweep}, a count of
 * disagreements with objdump over every ELF file in a directory.
 */
@Command(name = "sites", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "Time cold scans, objdump -d and cached lookups of the same files, and print the ratios. "
                + "Default files: the running JDK's libjvm.so, libc.so.6 and the dynamic loader.")
public final class SitesBenchmark implements Callable<Integer> {
    private static final double COLD_GOAL = 10.0;
    private static final double WARM_GOAL_MS = 10.0;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "ELF files to measure.")
    List<Path> files = List.of();

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Timed runs per measurement; the median is shown (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--sweep", paramLabel = "DIR",
            description = "Also compare the scanner with objdump on every ELF file under DIR and count the disagreements.")
    Path sweepDir;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel jobs for --sweep (default: the number of cores).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || jobs < 1) {
            throw new UserError("--runs and --jobs must be at least 1");
        }
        if (!ObjdumpOracle.available()) {
            throw new UserError("objdump is missing: install binutils (apt-get install -y binutils)");
        }
        List<Path> targets = files.isEmpty() ? defaultFiles() : files;
        for (Path f : targets) {
            if (!Files.isRegularFile(f)) {
                throw new UserError(f + ": no such file");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean agree = compareFiles(targets, out);
        if (sweepDir != null) {
            agree &= sweep(out);
        }
        out.flush();
        return agree ? 0 : 1;
    }

    private boolean compareFiles(List<Path> targets, PrintWriter out) throws Exception {
        out.printf("site scan: xrr (median of %d runs) against objdump -d (one run), %d cores%n%n", runs,
                Runtime.getRuntime().availableProcessors());
        String row = "%-34s %9s %6s %10s %12s %9s %13s %10s  %s%n";
        out.printf(row, "FILE", "CODE", "SITES", "COLD ms", "OBJDUMP ms", "WARM ms", "OBJDUMP/COLD", "COLD/WARM", "SAME AS OBJDUMP");
        Path cacheDir = Files.createTempDirectory("xrr-bench-sites");
        boolean agree = true;
        double jvmRatio = Double.NaN;
        double worstWarm = 0;
        try (CachedSiteScanner cold = new CachedSiteScanner(null);
             CachedSiteScanner cached = new CachedSiteScanner(new SiteCache(cacheDir))) {
            for (Path file : targets) {
                ScanResult first = cold.scan(file, ScanOptions.DEFAULT);
                double coldMs = Stopwatch.medianMillis(runs, () -> cold.scan(file, ScanOptions.DEFAULT));
                long start = System.nanoTime();
                Map<Long, SiteKind> objdump = ObjdumpOracle.sites(file, false);
                double objdumpMs = (System.nanoTime() - start) / 1e6;
                cached.scan(file, ScanOptions.DEFAULT);
                double warmMs = Stopwatch.medianMillis(runs, () -> {
                    if (cached.scan(file, ScanOptions.DEFAULT).cache() != CacheStatus.HIT) {
                        throw new IllegalStateException("the cache missed on a repeated lookup of " + file);
                    }
                });
                OracleComparison cmp = OracleComparison.of(first.sites(), objdump);
                agree &= cmp.matches();
                worstWarm = Math.max(worstWarm, warmMs);
                if (file.getFileName().toString().equals("libjvm.so")) {
                    jvmRatio = objdumpMs / coldMs;
                }
                out.printf(row, shorten(file), megabytes(codeBytes(file)), first.sites().size(), fmt(coldMs), fmt(objdumpMs),
                        fmt(warmMs), ratio(objdumpMs / coldMs), ratio(coldMs / warmMs),
                        cmp.matches() ? "yes" : "NO: " + cmp.differences().size() + " differences, first " + cmp.differences().get(0));
            }
        } finally {
            Scratch.delete(cacheDir);
        }
        out.println();
        if (!Double.isNaN(jvmRatio)) {
            out.printf("goal: cold scan of libjvm.so at least %.0fx faster than objdump: %s (%s)%n", COLD_GOAL,
                    jvmRatio >= COLD_GOAL ? "met" : "NOT met", ratio(jvmRatio));
        }
        out.printf("goal: cached lookup under %.0f ms: %s (slowest median %s ms)%n", WARM_GOAL_MS,
                worstWarm < WARM_GOAL_MS ? "met" : "NOT met", fmt(worstWarm));
        return agree;
    }

    private boolean sweep(PrintWriter out) throws Exception {
        List<Path> candidates = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        try (Stream<Path> walk = Files.walk(sweepDir)) {
            for (Path p : walk.sorted().toList()) {
                BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                // Hard links (Mesa's drivers are one file under a dozen names) are compared once.
                if (attrs.isRegularFile() && seen.add(attrs.fileKey())) {
                    candidates.add(p);
                }
            }
        }
        List<String> disagreements = Collections.synchronizedList(new ArrayList<>());
        List<SiteScanner> scanners = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<SiteScanner> scanner = ThreadLocal.withInitial(() -> {
            SiteScanner s = new SiteScanner();
            scanners.add(s);
            return s;
        });
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        long start = System.nanoTime();
        int elfFiles = 0;
        int sites = 0;
        int filesDiffering = 0;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("objdump sweep").setInitialMax(candidates.size())
                .setStyle(ProgressBarStyle.ASCII).build()) {
            List<Future<OracleComparison>> results = new ArrayList<>();
            for (Path file : candidates) {
                results.add(pool.submit(() -> {
                    try {
                        return compareOne(file, scanner.get(), disagreements);
                    } finally {
                        bar.step();
                    }
                }));
            }
            for (Future<OracleComparison> f : results) {
                OracleComparison c = f.get();
                if (c != null) {
                    elfFiles++;
                    sites += c.scannerSites();
                    filesDiffering += c.matches() ? 0 : 1;
                }
            }
        } finally {
            pool.shutdown();
            scanners.forEach(SiteScanner::close);
        }
        out.printf("%nsweep of %s: %d distinct files, %d ELF, %d sites, %.0f s with %d jobs%n", sweepDir, candidates.size(),
                elfFiles, sites, (System.nanoTime() - start) / 1e9, jobs);
        out.printf("mismatches against objdump: %d sites in %d files%n", disagreements.size(), filesDiffering);
        disagreements.stream().sorted().limit(20).forEach(d -> out.println("  " + d));
        return disagreements.isEmpty();
    }

    /** Null for a file that is not a scannable ELF or that objdump cannot read. */
    private static OracleComparison compareOne(Path file, SiteScanner scanner, List<String> disagreements) {
        List<Site> sites;
        try {
            sites = scanner.scan(ElfFile.open(file), ScanOptions.DEFAULT);
        } catch (ElfFormatException | IOException notScannable) {
            return null;
        }
        try {
            OracleComparison c = OracleComparison.of(sites, ObjdumpOracle.sites(file, false));
            c.differences().forEach(d -> disagreements.add(file + " " + d));
            return c;
        } catch (IOException objdumpFailed) {
            return null;
        }
    }

    private static List<Path> defaultFiles() {
        return List.of(Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so"),
                Path.of("/lib/x86_64-linux-gnu/libc.so.6"), Path.of("/lib64/ld-linux-x86-64.so.2"));
    }

    private static long codeBytes(Path file) throws IOException, ElfFormatException {
        return ElfFile.open(file).sections().stream().filter(SectionHeader::isCode).mapToLong(SectionHeader::size).sum();
    }

    private static String shorten(Path file) {
        String s = file.toString();
        return s.length() <= 34 ? s : "..." + s.substring(s.length() - 31);
    }

    private static String megabytes(long bytes) {
        return String.format("%.2f MB", bytes / 1e6);
    }

    private static String fmt(double ms) {
        return String.format(ms < 10 ? "%.2f" : "%.1f", ms);
    }

    private static String ratio(double r) {
        return String.format("%.1fx", r);
    }
}
