package org.fedcot.cli.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedcot.cli.CliRun;
import org.fedcot.cli.MadeMaterial;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedcot generate} on the real stories260K checkpoint (against run.c) and on models made here. */
class GenerateCommandTest {
    private static final String STORIES = "models/stories260K/";

    private static CliRun generate(String... args) {
        return CliRun.command("generate", args);
    }

    @Test
    void greedyStories260KIsByteIdenticalToRunC() throws IOException {
        byte[] expected = Files.readAllBytes(SharedFiles.path(STORIES + "greedy_t0_once_upon_a_time_256.txt"));
        CliRun r = generate(
                "--model",
                SharedFiles.path(STORIES + "stories260K.bin").toString(),
                "--tokenizer",
                SharedFiles.path(STORIES + "tok512.bin").toString(),
                "--prompt",
                "Once upon a time",
                "--temperature",
                "0",
                "--max-tokens",
                "256");
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(expected, r.stdout(), "stdout:\n" + r.out());
        assertTrue(r.err().contains("tokens/s"), r.err());
        System.out.println("stories260K greedy, 256 steps: " + r.err().strip());
    }

    @Test
    void llama2cStepsCountThePromptAsRunCDoes() {
        String model = SharedFiles.path(STORIES + "stories260K.bin").toString();
        String tok = SharedFiles.path(STORIES + "tok512.bin").toString();
        // prompt = BOS + 4 tokens; 3 steps print only the prompt's first 3 pieces, as run.c -n 3
        CliRun r = generate(
                "--model",
                model,
                "--tokenizer",
                tok,
                "--prompt",
                "Once upon a time",
                "--temperature",
                "0",
                "--max-tokens",
                "3");
        assertEquals(0, r.code(), r.err());
        assertEquals("Once upon a\n", r.out());
        CliRun six = generate(
                "--model",
                model,
                "--tokenizer",
                tok,
                "--prompt",
                "Once upon a time",
                "--temperature",
                "0",
                "--max-tokens",
                "6");
        assertEquals("Once upon a time, there\n", six.out(), "steps 5 and 6 draw ',' and ' there'");
    }

    @Test
    void aTokenizerOfAnotherVocabularyIsOneClearError(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"model_type": "llama", "vocab_size": 300, "hidden_size": 16, "intermediate_size": 32,
                 "num_hidden_layers": 1, "num_attention_heads": 2, "num_key_value_heads": 1,
                 "max_position_embeddings": 16}
                """);
        Path model = dir.resolve("model");
        assertEquals(
                0,
                CliRun.command("init", "--arch", "llama", "--config", config.toString(), "--out", model.toString())
                        .code());
        CliRun r = generate(
                "--model",
                model.toString(),
                "--tokenizer",
                MadeMaterial.tokenizer().toString(),
                "--prompt",
                "Hi");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(MadeMaterial.VOCAB + " tokens") && r.err().contains("vocabulary of 300"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aHuggingFaceDirectoryGeneratesAndStopsAtAStopString(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"model_type": "llama", "vocab_size": 512, "hidden_size": 32, "intermediate_size": 64,
                 "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "initializer_range": 0.5, "max_position_embeddings": 64, "bos_token_id": 1, "eos_token_id": 2}
                """);
        Path model = dir.resolve("model");
        assertEquals(
                0,
                CliRun.command(
                                "init",
                                "--arch",
                                "llama",
                                "--config",
                                config.toString(),
                                "--out",
                                model.toString(),
                                "--seed",
                                "3")
                        .code());
        String tok = MadeMaterial.tokenizer().toString();
        CliRun free = generate(
                "--model",
                model.toString(),
                "--tokenizer",
                tok,
                "--prompt",
                "Once upon",
                "--temperature",
                "0",
                "--max-tokens",
                "12");
        assertEquals(0, free.code(), free.err());
        String out = free.out();
        assertTrue(out.startsWith("Once upon") && out.endsWith("\n"), out);
        String generated = out.substring("Once upon".length(), out.length() - 1);
        assertTrue(generated.length() >= 4, "12 random tokens give some text: '" + generated + "'");

        String stop = generated.substring(2, 4);
        CliRun cut = generate(
                "--model",
                model.toString(),
                "--tokenizer",
                tok,
                "--prompt",
                "Once upon",
                "--temperature",
                "0",
                "--max-tokens",
                "12",
                "--stop",
                stop);
        assertEquals("Once upon" + generated.substring(0, generated.indexOf(stop)) + "\n", cut.out());
        assertTrue(cut.err().contains("stopped by stop string"), cut.err());

        String[] sampled = {
            "--model",
            model.toString(),
            "--tokenizer",
            tok,
            "--prompt",
            "Once upon",
            "--temperature",
            "1",
            "--top-k",
            "20",
            "--seed",
            "9",
            "--max-tokens",
            "12"
        };
        assertEquals(generate(sampled).out(), generate(sampled).out(), "a seed reproduces a sampled generation");
        assertTrue(generate(sampled).err().contains("seed 9"));
    }

    @Test
    void controlCharactersOfThePromptAreShownNotObeyed() {
        CliRun r = generate(
                "--model",
                MadeMaterial.model().toString(),
                "--prompt",
                "Once\u001b[2J\rupon\u202e",
                "--temperature",
                "0",
                "--max-tokens",
                "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Once\\u001b[2J\\u000dupon\\u202e"), r.out());
        assertFalse(
                r.out().contains("\u001b") || r.out().contains("\r") || r.out().contains("\u202e"), r.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        String model = MadeMaterial.model().toString();
        assertEquals(2, generate("--model", model, "--top-p", "1.5").code());
        assertEquals(2, generate("--model", model, "--max-tokens", "-1").code());
        assertEquals(2, generate("--model", model, "--stop", "").code());
        CliRun missing = generate("--model", "/no/such/model");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("/no/such/model"), missing.err());
    }
}
