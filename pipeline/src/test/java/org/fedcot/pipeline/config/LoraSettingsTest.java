package org.fedcot.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.pipeline.TinyRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code train.lora} and {@code train.checkpointActivations}: read with their defaults, bad values refused by field. */
class LoraSettingsTest {
    @TempDir
    Path dir;

    private ConfigSource read(Map<String, String> overrides) throws IOException {
        Map<String, String> all = new HashMap<>(overrides);
        all.put("llm.url", "http://127.0.0.1:9/v1");
        return ConfigReader.read(TinyRun.config(dir, "[standalone]", ""), all);
    }

    @Test
    void settingsAreReadWithDefaults() throws IOException {
        TrainSettings plain = read(Map.of()).config().train();
        assertNull(plain.lora(), "full fine-tuning unless asked");
        assertFalse(plain.checkpointActivations());
        TrainSettings t = read(Map.of(
                        "train.lora.rank",
                        "4",
                        "train.lora.targets",
                        "[q_proj, o_proj]",
                        "train.checkpointActivations",
                        "true"))
                .config()
                .train();
        assertEquals(new LoraSettings(4, 16.0, 0.05, List.of("q_proj", "o_proj")), t.lora());
        assertTrue(t.checkpointActivations());
        ConfigCheck.check(read(Map.of("train.lora.rank", "4")), false);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "train.lora.rank|0|train.lora.rank: must be at least 1, got 0",
                "train.lora.alpha|-1|train.lora.alpha: must be a finite number > 0, got -1.0",
                "train.lora.dropout|1|train.lora.dropout: must be in [0, 1), got 1.0",
                "train.lora.targets|[]|train.lora.targets: must name at least one module",
                "train.lora.rnak|4|unknown field 'rnak'",
            })
    void badValuesAreNamed(String key, String value, String message) {
        ConfigException e =
                assertThrows(ConfigException.class, () -> ConfigCheck.check(read(Map.of(key, value)), false));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
