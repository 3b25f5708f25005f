package org.xrr.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @Test
    void versionNamesXrrAndJava() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.status());
        assertTrue(run.out().startsWith("xrr 0."), run.out());
        assertTrue(run.out().contains("Java 17") || run.out().contains("Java "), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "cpufeatures", "sites", "traceinfo", "dump", "bench", "shell"})
    void everySubcommandHasHelpAndVersion(String command) {
        CliRun help = CliRun.of(command, "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("Usage: xrr " + command), help.out());
        CliRun version = CliRun.of(command, "--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("xrr "), version.out());
    }

    @Test
    void benchSitesHasHelpAndVersion() {
        assertEquals(0, CliRun.of("bench", "sites", "--help").status());
        assertTrue(CliRun.of("bench", "sites", "--version").out().startsWith("xrr "));
    }

    @Test
    void anUnknownCommandIsAOneLineError() {
        CliRun run = CliRun.of("frobnicate");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("Unmatched argument") || run.err().contains("frobnicate"), run.err());
        assertTrue(!run.err().contains("Exception"), run.err());
    }

    @Test
    void noSubcommandSaysWhatToDo() {
        CliRun run = CliRun.of();
        assertEquals(2, run.status());
        assertTrue(run.err().contains("missing subcommand"), run.err());
    }
}
