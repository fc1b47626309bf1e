package org.fedcot.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fedcot.pipeline.MadeModel;
import org.fedcot.pipeline.Pipeline;
import org.fedcot.pipeline.TinyRun;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of config mistake is one line naming file, line and field, before any work starts. */
class ConfigErrorsTest {
    @TempDir
    Path dir;

    private String error(String from, String to, Map<String, String> overrides) throws IOException {
        Path config = TinyRun.config(dir, "[standalone, fedcot-e]", "");
        Files.writeString(config, Files.readString(config).replace(from, to));
        ConfigException e = assertThrows(
                ConfigException.class, () -> Pipeline.run(ConfigReader.read(config, overrides), RunListener.NONE));
        assertFalse(Files.exists(dir.resolve("run")), "work started");
        assertEquals(1, e.getMessage().lines().count());
        return e.getMessage().substring(config.toString().length());
    }

    private String error(String from, String to) throws IOException {
        return error(from, to, Map.of("llm.url", "http://127.0.0.1:9/v1"));
    }

    @Test
    void unknownDataset() throws IOException {
        assertEquals(
                " line 4: task.dataset: unknown dataset 'cqa2' (known: cqa, obqa, arc-easy, boolq)",
                error("dataset: cqa", "dataset: cqa2"));
    }

    @Test
    void missingModel() throws IOException {
        String e = error(MadeModel.NAME + "\n", MadeModel.NAME + "-missing\n");
        assertEquals(" line 10: slm.model: no such file or directory: ", e.substring(0, e.indexOf(": /") + 2));
    }

    @Test
    void epsilonMustBePositive() throws IOException {
        assertEquals(
                " line 19: privacy.epsilon: eps must be > 0, got 0.0",
                error("  mechanism: santext\n", "  mechanism: santext\n  epsilon: 0\n"));
    }

    @Test
    void unknownEvaluationMode() throws IOException {
        assertEquals(
                " line 32: eval.mode: must be one of [gen, mc, both], got 'mcq'",
                error("filterRationales: false\n", "filterRationales: false\neval:\n  mode: mcq\n"));
    }

    @Test
    void unknownFieldNamesItsSection() throws IOException {
        String e = error("  batchSize: 4\n", "  batchSize: 4\n  batchSise: 4\n");
        assertEquals(" line 23: unknown field 'batchSise' in 'train'", e.substring(0, e.indexOf(" (known")));
    }

    @Test
    void overridesAreCheckedToo() throws IOException {
        assertEquals(
                ": privacy.epsilon: eps must be > 0, got -1.0",
                error("x", "x", Map.of("privacy.epsilon", "-1", "llm.url", "http://127.0.0.1:9/v1")));
        Path config = dir.resolve("run.yaml");
        ConfigException e =
                assertThrows(ConfigException.class, () -> ConfigReader.read(config, Map.of("train.stpes", "3")));
        assertEquals("--set: unknown field 'stpes' in 'train'", e.getMessage());
    }

    @Test
    void seedsMustBeDistinctWholeNumbers() throws IOException {
        assertEquals(" line 1: seeds: a seed is listed twice, got [1, 2, 1]", error("seed: 7\n", "seeds: [1, 2, 1]\n"));
        assertEquals(
                " line 1: seeds: no seed listed: list at least one, or leave seeds out",
                error("seed: 7\n", "seeds: []\n"));
        String e = error("seed: 7\n", "seeds: [1, x]\n");
        assertTrue(e.startsWith(" line 1: seeds"), e);
        e = error("seed: 7\n", "seeds: [1, null]\n");
        assertTrue(e.startsWith(" line 1: seeds"), e);
    }

    @Test
    void missingFile() {
        Path config = dir.resolve("nope.yaml");
        assertEquals(
                config + ": no such config file",
                assertThrows(ConfigException.class, () -> ConfigReader.read(config, Map.of()))
                        .getMessage());
    }
}
