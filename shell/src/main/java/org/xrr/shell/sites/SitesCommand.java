package org.xrr.shell.sites;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xrr.disasm.elf.ElfFormatException;
import org.xrr.disasm.process.MappingSites;
import org.xrr.disasm.process.ProcessScanner;
import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.ScanOptions;
import org.xrr.disasm.sites.ScanResult;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.disasm.sites.SiteScanner;
import org.xrr.shell.Cli;
import org.xrr.shell.Json;
import org.xrr.shell.UserError;
import org.xrr.shell.XdgDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code xrr sites}: the instructions xrr interposes on, in files or in a running process. */
@Command(name = "sites", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "List every CPUID, XGETBV, XSAVE-family, RDTSC(P), RDRAND, RDSEED and RDPID instruction "
                + "in ELF files, or in the executable memory of a running process.")
public final class SitesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "ELF files to scan.")
    List<Path> files = List.of();

    @Option(names = "--pid", paramLabel = "PID", description = "Scan the executable mappings of this process instead.")
    Integer pid;

    @Option(names = "--syscalls", description = "Also list SYSCALL instructions.")
    boolean syscalls;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--no-cache", description = "Neither read nor write the site cache.")
    boolean noCache;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where cached scans live (default: $XDG_CACHE_HOME/xrr/sites).")
    Path cacheDir;

    @Override
    public Integer call() throws IOException {
        if ((pid == null) == files.isEmpty()) {
            throw new UserError("give ELF files to scan, or --pid PID, but not both");
        }
        ScanOptions options = new ScanOptions(syscalls);
        PrintWriter out = spec.commandLine().getOut();
        return pid != null ? scanProcess(options, out) : scanFiles(options, out);
    }

    private int scanFiles(ScanOptions options, PrintWriter out) {
        SiteCache cache = noCache ? null : new SiteCache(cacheDir != null ? cacheDir : XdgDirectories.siteCache());
        PrintWriter err = spec.commandLine().getErr();
        int status = 0;
        ArrayNode results = Json.MAPPER.createArrayNode();
        try (CachedSiteScanner scanner = new CachedSiteScanner(cache)) {
            for (Path file : files) {
                try {
                    ScanResult result = scanner.scan(file, options);
                    if (json) {
                        results.add(SiteJson.of(result));
                    } else {
                        SiteTable.print(result, out);
                    }
                } catch (ElfFormatException e) {
                    err.println("xrr: " + file + ": " + e.getMessage());
                    status = Cli.EXIT_BAD_INPUT;
                } catch (NoSuchFileException e) {
                    err.println("xrr: " + file + ": no such file");
                    status = Cli.EXIT_BAD_INPUT;
                } catch (IOException e) {
                    err.println("xrr: " + file + ": " + e.getMessage());
                    status = Cli.EXIT_BAD_INPUT;
                }
                err.flush();
            }
        }
        if (json) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.set("files", results);
            Json.print(doc, out);
        }
        out.flush();
        return status;
    }

    private int scanProcess(ScanOptions options, PrintWriter out) throws IOException {
        List<MappingSites> mappings;
        try (SiteScanner scanner = new SiteScanner()) {
            mappings = new ProcessScanner(scanner).scan(pid, options);
        } catch (NoSuchFileException e) {
            throw new UserError("no process with pid " + pid);
        } catch (IOException e) {
            throw new UserError("process " + pid + ": " + e.getMessage());
        }
        if (json) {
            Json.print(SiteJson.of(pid, mappings), out);
        } else {
            SiteTable.print(pid, mappings, out);
        }
        out.flush();
        return 0;
    }
}
