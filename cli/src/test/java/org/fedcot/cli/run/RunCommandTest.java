package org.fedcot.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedcot.cli.CliRun;
import org.fedcot.cli.MadeMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedcot run}'s config errors: one line each, exit code 1, nothing started. */
class RunCommandTest {
    @TempDir
    Path dir;

    private Path config(String body) throws IOException {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, body);
        return file;
    }

    private String minimal(String extra) {
        return """
                runDir: run
                task:
                  dataset: %s
                  train: %s
                  test: %s
                slm:
                  model: %s
                methods: [standalone]
                """.formatted("%s", MadeMaterial.questions(), MadeMaterial.questions(), MadeMaterial.model()) + extra;
    }

    private void assertOneLine(CliRun run, String expected) {
        assertEquals(1, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.message().contains(expected), run.message());
        assertTrue(Files.notExists(dir.resolve("run")));
    }

    @Test
    void unknownDataset() throws IOException {
        Path c = config(minimal("").formatted("cqa2"));
        assertOneLine(
                CliRun.command("run", "--config", c.toString()), c + " line 3: task.dataset: unknown dataset 'cqa2'");
    }

    @Test
    void unknownField() throws IOException {
        Path c = config(minimal("trian:\n  steps: 3\n").formatted("cqa"));
        assertOneLine(
                CliRun.command("run", "--config", c.toString()), c + " line 9: unknown field 'trian' in the top level");
    }

    @Test
    void nonPositiveEpsilon() throws IOException {
        Path c = config(minimal("").formatted("cqa"));
        assertOneLine(
                CliRun.command("run", "--config", c.toString(), "--set", "privacy.epsilon=0"),
                "privacy.epsilon: eps must be > 0, got 0.0");
    }

    @Test
    void missingModel() throws IOException {
        Path c = config(minimal("").formatted("cqa").replace(MadeMaterial.NAME + "\n", "missing\n"));
        assertOneLine(
                CliRun.command("run", "--config", c.toString()), c + " line 7: slm.model: no such file or directory");
    }

    @Test
    void rawPromptsNeedPermission() throws IOException {
        Path c = config(minimal("").formatted("cqa").replace("[standalone]", "[non-private]"));
        assertOneLine(
                CliRun.command("run", "--config", c.toString(), "--llm-url", "http://127.0.0.1:9/v1"),
                c + " line 8: methods: non-private sends raw private prompts to the LLM");
    }

    @Test
    void setUnknownField() throws IOException {
        Path c = config(minimal("").formatted("cqa"));
        assertOneLine(
                CliRun.command("run", "--config", c.toString(), "--set", "bogus.field=1"),
                "--set: unknown field 'bogus' in the top level");
    }

    @Test
    void setWrongType() throws IOException {
        Path c = config(minimal("").formatted("cqa"));
        assertOneLine(
                CliRun.command("run", "--config", c.toString(), "--set", "train.steps=2.5"),
                "--set train.steps=2.5: train.steps: must be a whole number, got 2.5");
    }
}
