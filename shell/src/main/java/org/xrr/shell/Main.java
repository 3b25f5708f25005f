package org.xrr.shell;

import picocli.CommandLine;

/** Entry point of the {@code xrr} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.create().execute(args));
    }
}
