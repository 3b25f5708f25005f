package org.xrr.interposer.policy;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one definition of what JavaScript run by xrr may not do, shared by masking policies and
 * session scripts: no class lookup, I/O, threads, processes, native code, other languages or
 * environment, and no {@code load} or Graal builtins. Only {@code hostAccess} differs: none for a
 * policy, the exported xrr API for a session script.
 */
public final class JsSandbox {
    private JsSandbox() {
    }

    public static Context.Builder context(HostAccess hostAccess) {
        return Context.newBuilder("js")
                .allowHostAccess(hostAccess)
                .allowHostClassLookup(className -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .option("js.load", "false")
                .option("js.graal-builtin", "false");
    }
}
