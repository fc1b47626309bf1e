package org.fedcot.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fedcot.pipeline.method.VariantPlan;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;

/** The configs in examples/ read without error; the small one passes every check on this machine. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void everyExampleReads() {
        for (String name :
                List.of("cqa-setting1.yaml", "cqa-setting2.yaml", "cqa-private-only.yaml", "cqa-tiny.yaml")) {
            ConfigSource c = ConfigReader.read(EXAMPLES.resolve(name), Map.of());
            assertEquals("cqa", c.config().task().dataset(), name);
        }
    }

    @Test
    void theTinyExampleIsRunnableHere() {
        SharedFiles.path("data/cqa/cqa_train.json");
        ConfigSource c =
                ConfigReader.read(EXAMPLES.resolve("cqa-tiny.yaml"), Map.of("llm.url", "http://127.0.0.1:8000/v1"));
        ConfigCheck.check(c, true);
        assertEquals(11, VariantPlan.of(c.config()).size());
    }
}
