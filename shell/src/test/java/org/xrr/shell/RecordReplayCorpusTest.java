package org.xrr.shell;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xrr.disasm.testing.NativePrograms;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The recording corpus: each program is recorded once and replayed three times, in fresh xrr
 * processes as a user runs them, with the same output each time and no divergence.
 */
class RecordReplayCorpusTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path work;

    @BeforeAll
    static void inputs() throws Exception {
        Files.write(work.resolve("blob"), new java.util.Random(42).ints(200_000).collect(java.io.ByteArrayOutputStream::new,
                (out, i) -> out.write(i), (a, b) -> a.writeBytes(b.toByteArray())).toByteArray());
        Files.writeString(work.resolve("script.sh"), String.join("\n",
                "printf 'alpha\\nbeta\\ngamma\\ndelta\\n' > words.txt",
                "grep -v beta words.txt | sed 's/a/A/g' | wc -l",
                "( cd / && echo \"subshell in $(pwd)\" )",
                "echo \"bytes $(cat words.txt | wc -c)\"", ""));
        Files.writeString(work.resolve("data.json"), "{\"n\": [1, 2, 3, 4, 5]}");
        Files.writeString(work.resolve("program.py"), String.join("\n",
                "import json, os, sqlite3, subprocess, time",
                "data = json.load(open('data.json'))",
                "db = sqlite3.connect(':memory:')",
                "db.execute('create table t(x)')",
                "db.executemany('insert into t values(?)', [(i,) for i in data['n']])",
                "print(db.execute('select sum(x) from t').fetchone()[0], os.urandom(8).hex(), time.time(), flush=True)",
                "subprocess.run(['echo', 'from', 'a', 'child'])", ""));
        Files.writeString(work.resolve("queries.sql"), "create table t(a, b);\ninsert into t values (1, 'x'), (2, 'y');\n"
                + "select count(*), group_concat(b) from t;\n");
        Files.writeString(work.resolve("small.c"), "int f(int x) { int s = 0; for (int i = 0; i < x; i++) s += i * i; return s; }\n");
    }

    @Test
    void lsSortHead() throws Exception {
        recordAndReplay("sh", "-c", "ls -la /usr/bin | sort | head");
    }

    @Test
    void sha256sumOfAGeneratedFile() throws Exception {
        String out = recordAndReplay("sha256sum", "blob");
        assertTrue(out.endsWith("  blob\n"), out);
    }

    @Test
    void bashPipelineAndSubshell() throws Exception {
        assertEquals("3\nsubshell in /\nbytes 23\n", recordAndReplay("bash", "script.sh"));
    }

    @Test
    void pythonWithFilesJsonSqliteRandomTimeAndASubprocess() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is not installed");
        String out = recordAndReplay(PYTHON, "program.py");
        assertTrue(out.startsWith("15 ") && out.endsWith("\nfrom a child\n"), out);
    }

    @Test
    void sqliteShellOnAScript() throws Exception {
        if (Files.isExecutable(Path.of("/usr/bin/sqlite3"))) {
            assertEquals("2|x,y\n", recordAndReplay("sh", "-c", "sqlite3 :memory: < queries.sql"));
        } else {
            assumeTrue(Files.isExecutable(Path.of(PYTHON)), "neither sqlite3 nor " + PYTHON + " is installed");
            recordAndReplay(PYTHON, "-c", "import sqlite3; print(sqlite3.connect(':memory:').execute('select 6*7').fetchone())");
        }
    }

    @Test
    void gccCompilesAFile() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        recordAndReplay("gcc", "-O2", "-c", "small.c", "-o", "small.o");
    }

    @Test
    void dateAndTheTimeProbe() throws Exception {
        recordAndReplay("date");
        String out = recordAndReplay(NativePrograms.timeprobe().toString());
        assertTrue(out.startsWith("monotonic "), out);
    }

    private static String recordAndReplay(String... command) throws Exception {
        return RecordAndReplay.run(work, command);
    }
}
