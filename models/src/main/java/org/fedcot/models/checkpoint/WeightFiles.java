package org.fedcot.models.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.fedcot.tensor.io.SafetensorsFile;

/**
 * The safetensors files of a Hugging Face checkpoint directory, opened (memory-mapped) together:
 * either one model.safetensors, or the shards a model.safetensors.index.json's weight_map names.
 * Knows which file holds each tensor.
 */
final class WeightFiles implements AutoCloseable {
    static final String SINGLE = "model.safetensors";
    static final String INDEX = "model.safetensors.index.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String source;
    private final Map<String, SafetensorsFile> byTensor;
    private final Map<Path, SafetensorsFile> open;

    private WeightFiles(String source, Map<String, SafetensorsFile> byTensor, Map<Path, SafetensorsFile> open) {
        this.source = source;
        this.byTensor = byTensor;
        this.open = open;
    }

    /**
     * Opens the weights in {@code dir}: model.safetensors when present (as Hugging Face prefers it),
     * else the index and its shards.
     *
     * @throws CheckpointException when there are neither, the index is malformed, or it names a tensor
     *                             its shard does not hold
     */
    static WeightFiles open(Path dir) throws IOException {
        Map<Path, SafetensorsFile> open = new LinkedHashMap<>();
        try {
            Path single = dir.resolve(SINGLE);
            Path index = dir.resolve(INDEX);
            Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
            boolean sharded = !Files.isRegularFile(single);
            if (!sharded) {
                SafetensorsFile f = SafetensorsFile.open(single);
                open.put(single, f);
                f.names().forEach(n -> byTensor.put(n, f));
            } else if (Files.isRegularFile(index)) {
                for (Map.Entry<String, String> e : weightMap(index).entrySet()) {
                    Path shard = dir.resolve(e.getValue());
                    SafetensorsFile f = open.get(shard);
                    if (f == null) {
                        f = SafetensorsFile.open(shard);
                        open.put(shard, f);
                    }
                    if (!f.contains(e.getKey())) {
                        throw new CheckpointException(index + ": weight_map puts " + e.getKey() + " in " + shard
                                + ", which has no such tensor");
                    }
                    byTensor.put(e.getKey(), f);
                }
            } else {
                throw new CheckpointException(dir + ": no " + SINGLE + " or " + INDEX + " (a Hugging Face checkpoint"
                        + " directory holds its weights in one of them)");
            }
            return new WeightFiles((sharded ? index : single).toString(), byTensor, open);
        } catch (IOException | RuntimeException e) {
            open.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    private static Map<String, String> weightMap(Path index) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(index, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CheckpointException(index + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new CheckpointException(index + ": no weight_map object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String file = e.getValue().asText("");
            // a shard must be a plain file name next to the index
            if (!e.getValue().isTextual()
                    || file.isEmpty()
                    || file.contains("/")
                    || file.contains("\\")
                    || file.startsWith(".")) {
                throw new CheckpointException(index + ": weight_map entry " + e.getKey() + " -> " + e.getValue()
                        + " is not a shard file name");
            }
            out.put(e.getKey(), file);
        }
        return out;
    }

    /** Every tensor name the checkpoint holds. */
    Set<String> names() {
        return byTensor.keySet();
    }

    /** The file holding {@code tensor}, or null when none does. */
    SafetensorsFile fileFor(String tensor) {
        return byTensor.get(tensor);
    }

    /** What the weights were read from, for messages: the single file, or the index. */
    String source() {
        return source;
    }

    @Override
    public void close() {
        open.values().forEach(SafetensorsFile::close);
    }
}
