package org.fedcot.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Save then load gives the same model: single file, sharded, and half-precision copies. */
class HfCheckpointRoundTripTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"LLAMA,false", "LLAMA,true", "QWEN2,false", "GPT_NEOX,false", "GPT_NEOX,true"})
    void initSaveLoadGivesIdenticalLogits(ModelType type, boolean variant) throws IOException {
        DecoderModel model = DecoderModel.random(TestModels.tiny(type, variant), 21);
        HfCheckpointWriter.save(model, tmp);
        assertTrue(Files.isRegularFile(tmp.resolve("config.json")));
        assertTrue(Files.isRegularFile(tmp.resolve("model.safetensors")));
        assertSameModel(model, HfCheckpoint.load(tmp));
    }

    @Test
    void aShardedCopyLoadsTheSameAndReplacesTheSingleFile() throws IOException {
        DecoderModel model = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 3);
        HfCheckpointWriter.save(model, tmp);
        HfCheckpointWriter.saveSharded(model, tmp, 20_000);
        List<String> shards;
        try (Stream<Path> files = Files.list(tmp)) {
            shards = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("model-\\d{5}-of-\\d{5}\\.safetensors"))
                    .sorted()
                    .toList();
        }
        assertTrue(shards.size() > 2, "several shards: " + shards);
        assertEquals(String.format("model-%05d-of-%05d.safetensors", shards.size(), shards.size()), shards.getLast());
        assertFalse(Files.exists(tmp.resolve("model.safetensors")), "a stale single file would shadow the shards");
        assertTrue(Files.readString(tmp.resolve("model.safetensors.index.json"))
                .contains("\"total_size\" : " + 4 * model.parameterCount()));
        assertSameModel(model, HfCheckpoint.load(tmp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"F16", "BF16"})
    void halfPrecisionCheckpointsLoadAsTheirFloat32Values(String dtype) throws IOException {
        DecoderModel model = DecoderModel.random(TestModels.tiny(ModelType.GPT_NEOX, false), 8);
        HfCheckpointWriter.save(model, tmp);
        SafetensorsFiles.writeHalf(tmp.resolve("model.safetensors"), model.namedParameters(), dtype);
        DecoderModel loaded = HfCheckpoint.load(tmp);
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            Tensor got = loaded.namedParameters().get(e.getKey());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(
                        SafetensorsFiles.roundTrip(e.getValue().get(i), dtype), got.get(i), e.getKey() + "[" + i + "]");
            }
        }
        int[] ids = TestModels.randomIds(12, model.config().vocabSize(), 5);
        try (NoGrad ignored = NoGrad.enter()) {
            TestModels.assertClose(dtype + " logits", loaded.logits(ids, 2, 6), model.logits(ids, 2, 6), 0.05);
        }
    }

    @Test
    void extraTensorsAreReportedAndKnownBuffersAndTiedHeadsAreNot() throws IOException {
        DecoderModel model = DecoderModel.random(TestModels.tiny(ModelType.QWEN2, false), 2);
        HfCheckpointWriter.save(model, tmp);
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.namedParameters());
        tensors.put("lm_head.weight", model.namedParameters().get("model.embed_tokens.weight"));
        tensors.put("model.layers.0.self_attn.rotary_emb.inv_freq", Tensor.zeros(4));
        tensors.put("model.layers.0.mlp.extra.weight", Tensor.zeros(2));
        SafetensorsWriter.write(tmp.resolve("model.safetensors"), tensors);
        DecoderModel loaded = DecoderModel.create(model.config());
        assertEquals(List.of("model.layers.0.mlp.extra.weight"), HfCheckpoint.loadWeights(loaded, tmp));
        assertSameModel(model, loaded);
    }

    private static void assertSameModel(DecoderModel expected, DecoderModel actual) {
        assertEquals(expected.config(), actual.config());
        assertEquals(
                List.copyOf(expected.namedParameters().keySet()),
                List.copyOf(actual.namedParameters().keySet()));
        int[] ids = TestModels.randomIds(14, expected.config().vocabSize(), 6);
        try (NoGrad ignored = NoGrad.enter()) {
            TestModels.assertSameValues("logits", actual.logits(ids, 2, 7), expected.logits(ids, 2, 7));
        }
    }
}
