package org.fedcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of heap in a real command is one line naming the tensor, the heap and what to set, with a
 * non-zero exit and no stack trace. The command runs in a child JVM with a 48 MiB heap, so a 594 MiB
 * embedding fails at once, without filling any heap first.
 */
class OutOfMemoryLineTest {
    private static final String CONFIG = """
            {"model_type": "qwen2", "vocab_size": 151936, "hidden_size": 1024, "intermediate_size": 2816,
             "num_hidden_layers": 1, "num_attention_heads": 16, "num_key_value_heads": 16,
             "max_position_embeddings": 256, "tie_word_embeddings": true}
            """;

    @Test
    void initOfAModelLargerThanTheHeapSaysWhichTensorDidNotFit(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, CONFIG);
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m",
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "init",
                "--arch",
                "llama",
                "--config",
                config.toString(),
                "--out",
                tmp.resolve("model").toString());
        pb.environment().remove("FEDCOT_DEBUG");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), err);
        assertEquals("", out);
        List<String> lines = err.lines().filter(l -> !l.startsWith("WARNING: ")).toList(); // the incubator notice
        assertEquals(1, lines.size(), err);
        String line = lines.get(0);
        assertTrue(
                line.startsWith("fedcot: out of memory allocating a 151936x1024 tensor 'model.embed_tokens.weight' "
                        + "(593.5 MiB) while running 'init' with a heap of "),
                line);
        assertTrue(line.contains("FEDCOT_JAVA_OPTS=-Xmx2g"), line);
        assertFalse(Files.exists(tmp.resolve("model").resolve("model.safetensors")), "nothing half-written");
    }
}
