package org.fedcot.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.fedcot.pipeline.Pipeline;
import org.fedcot.pipeline.TinyRun;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values that used to run silently or fail late (issue 13) are refused before any work, each in one line
 * naming the file, the line and the field, or the {@code --set} flag that gave it.
 */
class ConfigValuesTest {
    private static final Map<String, String> URL = Map.of("llm.url", "http://127.0.0.1:9/v1");

    @TempDir
    Path dir;

    /** The error of the tiny run's config with {@code from} replaced by {@code to}, without the file's name. */
    private String error(String from, String to, Map<String, String> overrides) throws IOException {
        Path config = TinyRun.config(dir, "[standalone, fedcot-e]", "");
        String yaml = Files.readString(config);
        assertTrue(yaml.contains(from), "the tiny config has no '" + from + "'");
        Files.writeString(config, yaml.replace(from, to));
        ConfigException e = assertThrows(
                ConfigException.class, () -> Pipeline.run(ConfigReader.read(config, overrides), RunListener.NONE));
        assertFalse(Files.exists(dir.resolve("run")), "work started");
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage().startsWith(config.toString())
                ? e.getMessage().substring(config.toString().length())
                : e.getMessage();
    }

    private String error(String from, String to) throws IOException {
        return error(from, to, URL);
    }

    /** The error of the tiny run's config with {@code --set key=value}. */
    private String overrideError(String key, String value) throws IOException {
        Map<String, String> overrides = new HashMap<>(URL);
        overrides.put(key, value);
        return error("seed: 7\n", "seed: 7\n", overrides);
    }

    @Test
    void noAnswerTokens() throws IOException {
        assertEquals(
                " line 29: generation.answerTokens: must be at least 1, got 0",
                error("answerTokens: 6", "answerTokens: 0"));
    }

    @Test
    void generationBatchOutOfRange() throws IOException {
        assertEquals(
                " line 30: generation.batch: must be at least 1, got 0",
                error("answerTokens: 6\n", "answerTokens: 6\n  batch: 0\n"));
        assertEquals(": generation.batch: must be at most 1024, got 1025", overrideError("generation.batch", "1025"));
    }

    @Test
    void fractionalSteps() throws IOException {
        assertEquals(" line 20: train.steps: must be a whole number, got 2.5", error("  steps: 2\n", "  steps: 2.5\n"));
    }

    @Test
    void textForANumber() throws IOException {
        assertEquals(
                " line 14: llm.maxTokens: must be a whole number, got '16'", error("maxTokens: 16", "maxTokens: '16'"));
    }

    @Test
    void badListItem() throws IOException {
        assertEquals(
                " line 33: ablations.epsilons.1: must be a number, got 'x'",
                error(
                        "methods: [standalone, fedcot-e]\n",
                        "methods: [standalone, fedcot-e]\nablations:\n  epsilons: [1, x]\n"));
    }

    @Test
    void emptyListItem() throws IOException {
        assertEquals(
                " line 31: methods.1: an empty list item",
                error("methods: [standalone, fedcot-e]", "methods: [standalone, ~]"));
    }

    @Test
    void duplicateKey() throws IOException {
        assertEquals(
                " line 22: train.steps: given twice (first on line 20); a key may appear once in a mapping",
                error("  encoderSteps: 2\n", "  encoderSteps: 2\n  steps: 5\n"));
    }

    @Test
    void alias() throws IOException {
        assertEquals(
                " line 21: train.encoderSteps: *n: YAML aliases are not supported in a run config; write the value out",
                error("  steps: 2\n  encoderSteps: 2\n", "  steps: &n 2\n  encoderSteps: *n\n"));
    }

    @Test
    void hugeMaxLength() throws IOException {
        assertEquals(
                " line 24: train.maxLength: must be at most 65536, got 100000",
                error("maxLength: 96", "maxLength: 100000"));
    }

    @Test
    void nonFiniteLearningRate() throws IOException {
        assertEquals(
                " line 20: train.learningRate: must be a finite number > 0, got Infinity",
                error("  steps: 2\n", "  learningRate: 1e999\n  steps: 2\n"));
    }

    @Test
    void overridesOfTheWrongTypeOrAnUnknownField() throws IOException {
        assertEquals(
                "--set train.steps=2.5: train.steps: must be a whole number, got 2.5",
                overrideError("train.steps", "2.5"));
        assertEquals("--set: unknown field 'bogus' in the top level", overrideError("bogus.field", "1"));
        assertEquals(
                "--set: unknown field 'answerTokenz' in 'generation'", overrideError("generation.answerTokenz", "1"));
        assertEquals(
                ": generation.answerTokens: must be at least 1, got 0", overrideError("generation.answerTokens", "0"));
    }

    @Test
    void aFileThatIsNotAYamlConfigIsNamed() throws IOException {
        Path binary = Files.write(dir.resolve("model.bin"), new byte[] {'s', 'e', 'e', 'd', ':', ' ', (byte) 0xff});
        assertEquals(
                binary + ": not UTF-8 text (byte 6)",
                assertThrows(ConfigException.class, () -> ConfigReader.read(binary, URL))
                        .getMessage());
        assertEquals(
                dir + ": is a directory, expected a YAML config file",
                assertThrows(ConfigException.class, () -> ConfigReader.read(dir, URL))
                        .getMessage());
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        String e = assertThrows(
                        ConfigException.class, () -> Pipeline.run(ConfigReader.read(empty, URL), RunListener.NONE))
                .getMessage();
        assertTrue(e.startsWith(empty + ": "), e);
        assertEquals(1, e.lines().count(), e);
    }

    @Test
    void aFileOverTheCapIsRefusedUnread() throws IOException {
        Path config = TinyRun.config(dir, "[standalone]", "");
        String yaml = Files.readString(config);
        Files.writeString(config, padded(yaml, YamlFile.MAX_BYTES));
        ConfigReader.read(config, URL); // exactly at the cap: read
        Files.writeString(config, padded(yaml, YamlFile.MAX_BYTES + 1));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(config, URL));
        assertEquals(
                config + ": " + (YamlFile.MAX_BYTES + 1) + " bytes, more than the " + YamlFile.MAX_BYTES
                        + " a run config may have; is this the right file?",
                e.getMessage());
    }

    @Test
    void aLongLineIsRefusedUnparsed() throws IOException {
        String line = "#" + "x".repeat(YamlFile.MAX_LINE);
        assertEquals(
                " line 3: " + line.length() + " bytes, more than the " + YamlFile.MAX_LINE
                        + " a line of a run config may have",
                error("runDir: run\n", "runDir: run\n" + line + "\n"));
    }

    /** {@code yaml} and comment (or, for a last single byte, empty) lines of 80 bytes or fewer, {@code bytes} in all. */
    private static String padded(String yaml, int bytes) {
        StringBuilder padded = new StringBuilder(yaml);
        for (int left = bytes - yaml.getBytes(StandardCharsets.UTF_8).length; left > 0; left -= Math.min(left, 80)) {
            int line = Math.min(left, 80);
            padded.append(line == 1 ? "" : "#" + "x".repeat(line - 2)).append('\n');
        }
        assertEquals(bytes, padded.toString().getBytes(StandardCharsets.UTF_8).length);
        return padded.toString();
    }
}
