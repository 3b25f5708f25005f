package org.xrr.shell.run;

import org.xrr.disasm.sites.CachedSiteScanner;
import org.xrr.disasm.sites.SiteCache;
import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.tracer.Launch;
import org.xrr.interposer.tracer.Tracer;
import org.xrr.shell.XdgDirectories;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** The program a command runs under the tracer, and how its code is scanned: shared by run and record. */
public final class TracedProgram {
    /** What a command does with the tracer set up for its program. */
    @FunctionalInterface
    public interface Session<T> {
        T run(Tracer.Config config, Launch launch) throws Exception;
    }

    @Option(names = "--no-cache", description = "Neither read nor write the site cache.")
    boolean noCache;

    /** The label of the positional parameters that hold a program and its arguments: everything from there on is the program's. */
    public static final String CMD = "CMD";

    @Parameters(paramLabel = CMD, arity = "1..*", description = "The program and its arguments.")
    List<String> command;

    /** The name the user gave the program. */
    public String name() {
        return command.get(0);
    }

    /** The program and its arguments, as the user gave them. */
    public List<String> command() {
        return command;
    }

    /** The site cache the options ask for, or null for none. */
    public SiteCache siteCache() {
        return noCache ? null : defaultSiteCache();
    }

    /** The site cache of commands that have no --no-cache. */
    public static SiteCache defaultSiteCache() {
        return new SiteCache(XdgDirectories.siteCache());
    }

    /** The program, found as a shell would; not found is status 127, not executable 126. */
    public Path program() {
        return Traced.program(name());
    }

    /**
     * Runs {@code session} on the program at {@code program} with the tracer configured for
     * {@code model}, through {@link Traced#run}.
     */
    public <T> T trace(Path program, CpuModel model, long hostXcr0, boolean cpuidFaulting, Session<T> session)
            throws Exception {
        Launch launch = Launch.inheritingEnvironment(program.toString(), command);
        SiteCache cache = siteCache();
        return Traced.run(name(), () -> {
            try (CachedSiteScanner scanner = new CachedSiteScanner(cache)) {
                return session.run(new Tracer.Config(model, model.xcr0() != hostXcr0, cpuidFaulting, scanner), launch);
            }
        });
    }
}
