package org.xrr.shell.cpu;

import org.xrr.interposer.cpu.CpuModel;
import org.xrr.interposer.cpu.CpuModelBuilder;
import org.xrr.interposer.cpu.CpuProfile;
import org.xrr.interposer.cpu.CpuProfileException;
import org.xrr.interposer.cpu.CpuidTable;
import org.xrr.interposer.cpu.HostCpu;
import org.xrr.interposer.cpu.ProfileMatch;
import org.xrr.interposer.cpu.RrFeatureMasks;
import org.xrr.shell.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code xrr cpufeatures}: this machine's CPU as record options or as a profile. */
@Command(name = "cpufeatures", mixinStandardHelpOptions = true, versionProvider = org.xrr.shell.VersionProvider.class,
        description = "Print the record options that hide every feature this machine lacks, in rr's format; "
                + "or this machine's profile (--json, --export); or what to mask to look no larger than a profile (--for).")
public final class CpuFeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print this machine's CPU profile as JSON (the format of the shipped profiles).")
    boolean json;

    @Option(names = "--export", paramLabel = "FILE", description = "Write this machine's CPU profile to FILE.")
    Path export;

    @Option(names = "--for", paramLabel = "PROFILE",
            description = "Print the --mask list and rr options that make this machine look no larger than PROFILE.")
    Path target;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        CpuidTable table = HostCpu.table();
        long xcr0 = HostCpu.xcr0();
        CpuModel host = new CpuModelBuilder(table, xcr0).build();
        if (json || export != null) {
            CpuProfile profile = HostCpu.profile();
            if (export != null) {
                profile.write(export);
                out.println("wrote " + export);
            } else {
                out.println(profile.toJson());
            }
        } else if (target != null) {
            CpuProfile profile;
            try {
                profile = CpuProfile.load(target);
            } catch (CpuProfileException e) {
                throw new UserError(e.getMessage());
            }
            ProfileMatch match = ProfileMatch.between(host, profile);
            out.println("--mask " + (match.maskOption().isEmpty() ? "(nothing to hide)" : match.maskOption()));
            out.println(match.rrMasks().toOptions());
        } else {
            out.println(RrFeatureMasks.forHost(host).toOptions());
        }
        out.flush();
        return 0;
    }
}
