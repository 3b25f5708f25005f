package org.xrr.interposer.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared CPU profiles, found through the {@code xrr.profiles.dir} property the build sets. */
public final class Profiles {
    public static final String SKYLAKE = "intel-skylake-sp-xeon-platinum-8160.json";
    public static final String HASWELL = "intel-haswell-ep-xeon-e5-2630v3.json";
    public static final String ZEN4 = "amd-zen4-genoa-epyc-9654.json";
    public static final String SAPPHIRE_RAPIDS = "intel-sapphirerapids-xeon-w9-3475x.json";
    public static final String ZEN2 = "amd-zen2-rome-epyc-7742.json";
    public static final String SANDY_BRIDGE = "intel-sandybridge-e-core-i7-3930k.json";
    public static final String ICE_LAKE = "intel-icelake-sp-xeon-platinum-8351n.json";

    private Profiles() {
    }

    public static Path dir() {
        String dir = System.getProperty("xrr.profiles.dir");
        if (dir == null) {
            throw new IllegalStateException("xrr.profiles.dir is not set: run the tests through Maven, which points it"
                    + " at the shared CPU profiles directory");
        }
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("the CPU profiles directory " + path + " (xrr.profiles.dir) does not exist");
        }
        return path;
    }

    public static Path path(String file) {
        return dir().resolve(file);
    }

    public static CpuProfile load(String file) {
        try {
            return CpuProfile.load(path(file));
        } catch (CpuProfileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Every profile file in the directory, by file name. */
    public static List<String> all() {
        try (Stream<Path> files = Files.list(dir())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
            if (names.size() < 5) {
                throw new IllegalStateException("expected the shared CPU profiles in " + dir() + ", found " + names);
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir() + ": " + e, e);
        }
    }

    /** A builder whose host is the profile's own machine. */
    public static CpuModelBuilder hostOf(CpuProfile profile) {
        return new CpuModelBuilder(profile.table(), profile.xcr0());
    }

    public static CpuModel hostModel(String file) {
        return hostOf(load(file)).build();
    }
}
