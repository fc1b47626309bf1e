package org.fedcot.cli.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.fedcot.cli.CliRun;
import org.fedcot.cli.MadeMaterial;
import org.fedcot.models.checkpoint.HfCheckpoint;
import org.fedcot.models.checkpoint.HfCheckpointWriter;
import org.fedcot.models.checkpoint.PeftAdapter;
import org.fedcot.models.tokenizer.Tokenizers;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.tensor.io.Dtype;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LoRA from the command line: {@code train --lora-rank} writes an adapter, {@code merge} folds it in, {@code generate --adapter} uses it. */
class LoraCommandsTest {
    private static final String DATA = """
            {"prompt": "Is the sky blue?", "target": "The sky is blue.", "task": "rationale"}
            {"prompt": "Is the sky green?", "target": "no", "task": "label"}
            """;
    private static final String Q = "model.layers.0.self_attn.q_proj.weight";

    @TempDir
    Path tmp;

    private Path model;
    private Path data;
    /** Where {@link #train} writes. */
    private Path out;

    @BeforeEach
    void setUp() throws IOException {
        model = MadeMaterial.writeModel(tmp.resolve("model"), 64);
        data = Files.writeString(tmp.resolve("data.jsonl"), DATA);
        out = tmp.resolve("adapter");
    }

    private CliRun train(String... extra) {
        return CliRun.command(
                "train",
                List.of(
                        "--model",
                        model.toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        out.toString(),
                        "--batch",
                        "2",
                        "--lr",
                        "3e-2",
                        "--steps",
                        "4"),
                extra);
    }

    @Test
    void anAdapterTrainedMergedAndUsedGeneratesAsTheMergedModel() throws IOException {
        CliRun trained = train(
                "--lora-rank", "4", "--lora-alpha", "8", "--lora-targets", "q_proj,o_proj", "--checkpoint-activations");
        assertEquals(0, trained.code(), trained.message());
        assertTrue(trained.out().contains("adapter saved to"), trained.out());
        Path adapter = tmp.resolve("adapter");
        assertTrue(Files.exists(adapter.resolve(PeftAdapter.CONFIG))
                && Files.exists(adapter.resolve(PeftAdapter.WEIGHTS)));
        assertFalse(Files.exists(adapter.resolve("model.safetensors")), "the frozen base is not written again");
        assertEquals(List.of("q_proj", "o_proj"), PeftAdapter.readSpec(adapter).targets());

        Path merged = tmp.resolve("merged");
        CliRun merge = CliRun.command(
                "merge", "--model", model.toString(), "--adapter", adapter.toString(), "--out", merged.toString());
        assertEquals(0, merge.code(), merge.message());
        assertTrue(merge.out().contains("merged 4 adapted layers"), merge.out());
        DecoderModel base = HfCheckpoint.load(model);
        DecoderModel folded = HfCheckpoint.load(merged);
        Tokenizers.load(merged);
        assertFalse(
                Arrays.equals(
                        base.namedParameters().get(Q).toArray(),
                        folded.namedParameters().get(Q).toArray()),
                "the adapter changed q_proj");
        String k = "model.layers.0.self_attn.k_proj.weight";
        assertArrayEquals(
                base.namedParameters().get(k).toArray(),
                folded.namedParameters().get(k).toArray(),
                "k_proj is no target");

        List<String> greedy = List.of("--prompt", "Is the sky", "--max-tokens", "12", "--temperature", "0");
        CliRun withAdapter = CliRun.command(
                "generate",
                List.of("--model", model.toString(), "--adapter", adapter.toString()),
                greedy.toArray(String[]::new));
        CliRun fromMerged =
                CliRun.command("generate", List.of("--model", merged.toString()), greedy.toArray(String[]::new));
        assertEquals(0, withAdapter.code(), withAdapter.message());
        assertEquals(fromMerged.out(), withAdapter.out());
    }

    @Test
    void badLoraInputGetsOneLineNamingIt() throws IOException {
        CliRun noRank = train("--lora-targets", "q_proj");
        assertEquals(1, noRank.code());
        assertTrue(noRank.message().contains("--lora-targets needs --lora-rank"), noRank.message());
        CliRun zero = train("--lora-rank", "0");
        assertTrue(zero.message().contains("--lora-rank must be at least 1"), zero.message());
        CliRun nothing = train("--lora-rank", "2", "--lora-targets", "query_key_value");
        assertEquals(1, nothing.code());
        assertTrue(
                nothing.message().contains("match no linear layer")
                        && nothing.message().contains("q_proj"),
                nothing.message());

        CliRun missing = CliRun.command(
                "merge",
                "--model",
                model.toString(),
                "--adapter",
                tmp.resolve("none").toString(),
                "--out",
                tmp.resolve("m").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.message().contains("adapter_config.json: not found"), missing.message());
        assertEquals(1, missing.message().lines().count(), missing.message());
        CliRun same = CliRun.command(
                "merge", "--model", model.toString(), "--adapter", model.toString(), "--out", model.toString());
        assertTrue(same.message().contains("--out must differ"), same.message());
        CliRun gen = CliRun.command(
                "generate", "--model", model.toString(), "--adapter", model.toString(), "--max-tokens", "2");
        assertEquals(1, gen.code());
        assertTrue(gen.message().contains("adapter_config.json: not found"), gen.message());
    }

    /**
     * {@code train --lora-rank} on a bf16 model keeps its base in bf16 and writes the adapter its widened
     * float32 copy trains (bit for bit: the tiny model's products are one widened slab deep).
     */
    @Test
    void aBf16BaseTrainsTheAdapterItsWidenedCopyTrains() throws IOException {
        Path bf16 = tmp.resolve("bf16");
        HfCheckpointWriter.save(HfCheckpoint.load(model), bf16, Dtype.BF16);
        TokenizerFiles.copy(model, bf16);
        Path widened = tmp.resolve("widened");
        HfCheckpointWriter.save(HfCheckpoint.load(bf16), widened);
        TokenizerFiles.copy(model, widened);
        model = bf16;
        CliRun half = train("--lora-rank", "4", "--lora-dropout", "0.1");
        assertEquals(0, half.code(), half.message());
        byte[] fromHalf = Files.readAllBytes(tmp.resolve("adapter").resolve(PeftAdapter.WEIGHTS));
        model = widened;
        out = tmp.resolve("adapter2");
        CliRun full = train("--lora-rank", "4", "--lora-dropout", "0.1");
        assertEquals(0, full.code(), full.message());
        assertArrayEquals(fromHalf, Files.readAllBytes(tmp.resolve("adapter2").resolve(PeftAdapter.WEIGHTS)));
    }
}
