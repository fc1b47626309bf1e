package org.fedcot.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fedcot.pipeline.Pipeline;
import org.fedcot.pipeline.TinyRun;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The privacy section's policies, gate share and attacks: each mistake one line naming its field. */
class PrivacyConfigErrorsTest {
    @TempDir
    Path dir;

    private String error(String privacyLine) throws IOException {
        Path config = TinyRun.config(dir, "[standalone, fedcot-e]", "");
        Files.writeString(
                config,
                Files.readString(config)
                        .replace("  mechanism: santext\n", "  mechanism: santext\n" + privacyLine + "\n"));
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> Pipeline.run(
                        ConfigReader.read(config, Map.of("llm.url", "http://127.0.0.1:9/v1")), RunListener.NONE));
        assertFalse(Files.exists(dir.resolve("run")), "work started");
        assertEquals(1, e.getMessage().lines().count());
        return e.getMessage().substring(config.toString().length());
    }

    @Test
    void unknownNumberPolicy() throws IOException {
        assertEquals(
                " line 19: privacy.numbers: unknown numbers policy 'hide'; choose keep, custext, inferdpt",
                error("  numbers: hide"));
    }

    @Test
    void unknownWordPolicy() throws IOException {
        assertEquals(
                " line 19: privacy.unknownWords: unknown unknownWords policy 'mask'; choose keep, placeholder,"
                        + " random",
                error("  unknownWords: mask"));
    }

    @Test
    void keptShareIsAShare() throws IOException {
        assertEquals(
                " line 19: privacy.maxKeptShare: must be a share in [0, 1], got 1.5", error("  maxKeptShare: 1.5"));
    }

    @Test
    void unknownAttack() throws IOException {
        assertEquals(
                " line 19: privacy.attacks: unknown attack 'guess'; choose nearest, bayes, lm",
                error("  attacks: [bayes, guess]"));
    }
}
