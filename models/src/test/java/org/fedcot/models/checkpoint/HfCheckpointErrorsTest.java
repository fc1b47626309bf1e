package org.fedcot.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken checkpoints fail with one message naming the file, the tensor and what is wrong. */
class HfCheckpointErrorsTest {
    private static final String Q = "model.layers.1.self_attn.q_proj.weight";

    @TempDir
    Path dir;

    private DecoderModel model;
    private Path weights;

    @BeforeEach
    void save() throws IOException {
        model = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 4);
        HfCheckpointWriter.save(model, dir);
        weights = dir.resolve("model.safetensors");
    }

    @Test
    void truncatedWeights() throws IOException {
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length - 64));
        IOException e = assertThrows(IOException.class, () -> HfCheckpoint.load(dir));
        assertTrue(e.getMessage().startsWith(weights.toString()), e.getMessage());
    }

    @Test
    void missingTensor() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.namedParameters());
        tensors.remove(Q);
        SafetensorsWriter.write(weights, tensors);
        CheckpointException e = assertThrows(CheckpointException.class, () -> HfCheckpoint.load(dir));
        assertEquals(weights + ": missing 1 tensor(s) the llama model needs: " + Q, e.getMessage());
    }

    @Test
    void wrongShape() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.namedParameters());
        tensors.put(Q, Tensor.zeros(32, 31));
        SafetensorsWriter.write(weights, tensors);
        CheckpointException e = assertThrows(CheckpointException.class, () -> HfCheckpoint.load(dir));
        assertEquals(weights + ": tensor " + Q + " has shape [32, 31] but the model expects [32, 32]", e.getMessage());
    }

    @Test
    void unknownModelType() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"llama\"", "\"opt\""));
        CheckpointException e = assertThrows(CheckpointException.class, () -> HfCheckpoint.load(dir));
        assertEquals(config + ": model_type 'opt' is not supported (llama, qwen2, gpt_neox)", e.getMessage());
    }

    @Test
    void noWeightsOrNoConfig() throws IOException {
        Files.delete(weights);
        assertTrue(assertThrows(CheckpointException.class, () -> HfCheckpoint.load(dir))
                .getMessage()
                .contains("no model.safetensors or model.safetensors.index.json"));
        Files.delete(dir.resolve("config.json"));
        assertTrue(assertThrows(CheckpointException.class, () -> HfCheckpoint.load(dir))
                .getMessage()
                .endsWith("config.json: no such file"));
    }

    @Test
    void anIndexThatPointsAtTheWrongShard() throws IOException {
        HfCheckpointWriter.saveSharded(model, dir, 20_000);
        Path index = dir.resolve("model.safetensors.index.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(index.toFile());
        ObjectNode map = (ObjectNode) root.get("weight_map");
        map.set("model.norm.weight", map.get("model.embed_tokens.weight")); // the first shard; the norm is in the last
        json.writeValue(index.toFile(), root);
        CheckpointException e = assertThrows(CheckpointException.class, () -> HfCheckpoint.load(dir));
        assertTrue(e.getMessage().startsWith(index + ": weight_map puts model.norm.weight in "), e.getMessage());
    }
}
