package org.fedcot.models.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.Dtype;
import org.fedcot.tensor.io.SafetensorsWriter;

/**
 * Writes a model as a Hugging Face checkpoint directory that {@link HfCheckpoint} (and Hugging Face's
 * from_pretrained) reads: float32 safetensors weights under the parameters' names, then config.json.
 * Every file is written atomically (temporary sibling, sync, rename); config.json comes last, so a
 * directory with a new config.json has all its new weights.
 */
public final class HfCheckpointWriter {
    /** Hugging Face's safetensors metadata for PyTorch-layout weights. */
    private static final Map<String, String> METADATA = Map.of("format", "pt");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HfCheckpointWriter() {}

    /** Writes config.json and model.safetensors (float32) into {@code dir}, creating it if needed. */
    public static void save(DecoderModel model, Path dir) throws IOException {
        save(model, dir, Dtype.F32);
    }

    /**
     * Writes config.json and model.safetensors into {@code dir}, creating it if needed, every weight
     * stored as {@code dtype} (F32, or rounded to BF16 or F16 as PyTorch rounds) and torch_dtype saying so.
     *
     * @throws IllegalStateException if the model holds frozen 16-bit weights (a LoRA base loaded with
     *                               {@link HfCheckpoint#loadFrozen}), which it does not write
     */
    public static void save(DecoderModel model, Path dir, Dtype dtype) throws IOException {
        requireNoHalves(model);
        Files.createDirectories(dir);
        SafetensorsWriter.write(
                dir.resolve(WeightFiles.SINGLE), new LinkedHashMap<>(model.namedParameters()), METADATA, dtype);
        // a leftover index would describe other weights than the ones now in the directory
        Files.deleteIfExists(dir.resolve(WeightFiles.INDEX));
        HfConfig.write(model.config(), dir.resolve(HfConfig.FILE_NAME), dtype);
    }

    private static void requireNoHalves(DecoderModel model) {
        if (!model.halfWeights().isEmpty()) {
            throw new IllegalStateException("cannot save a model whose linear weights are held frozen in 16 bits"
                    + " (e.g. " + model.halfWeights().keySet().iterator().next() + "): save its adapters, or load it"
                    + " with float32 weights");
        }
    }

    /**
     * Writes config.json, shards {@code model-0000i-of-0000n.safetensors} of at most
     * {@code maxShardBytes} of tensor data each (a tensor larger than that gets a shard of its own),
     * and model.safetensors.index.json mapping every tensor to its shard.
     */
    public static void saveSharded(DecoderModel model, Path dir, long maxShardBytes) throws IOException {
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("maxShardBytes must be positive, got " + maxShardBytes);
        }
        requireNoHalves(model);
        Files.createDirectories(dir);
        List<Map<String, Tensor>> shards = plan(model.namedParameters(), maxShardBytes);
        ObjectNode index = MAPPER.createObjectNode();
        long total = 0;
        ObjectNode weightMap = MAPPER.createObjectNode();
        for (int i = 0; i < shards.size(); i++) {
            String file = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            SafetensorsWriter.write(dir.resolve(file), shards.get(i), METADATA);
            for (Map.Entry<String, Tensor> e : shards.get(i).entrySet()) {
                weightMap.put(e.getKey(), file);
                total += 4L * e.getValue().size();
            }
        }
        index.putObject("metadata").put("total_size", total);
        index.set("weight_map", weightMap);
        AtomicFiles.writeString(dir.resolve(WeightFiles.INDEX), json(index));
        // a leftover model.safetensors would be read in preference to the shards
        Files.deleteIfExists(dir.resolve(WeightFiles.SINGLE));
        HfConfig.write(model.config(), dir.resolve(HfConfig.FILE_NAME));
    }

    /** Groups the parameters, in order, into runs of at most maxBytes of float32 data. */
    private static List<Map<String, Tensor>> plan(Map<String, Tensor> params, long maxBytes) {
        List<Map<String, Tensor>> shards = new ArrayList<>();
        Map<String, Tensor> current = new LinkedHashMap<>();
        long bytes = 0;
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            long size = 4L * e.getValue().size();
            if (!current.isEmpty() && bytes + size > maxBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                bytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            bytes += size;
        }
        if (!current.isEmpty()) {
            shards.add(current);
        }
        return shards;
    }

    private static String json(ObjectNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialising a JSON tree cannot fail", e);
        }
    }
}
