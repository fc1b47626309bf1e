package org.fedcot.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.models.checkpoint.Llama2cCheckpoint;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsEntry;
import org.fedcot.tensor.io.SafetensorsFile;

/**
 * A language model's input-embedding matrix [vocab, hidden], read on its own: from a Hugging Face
 * directory (or one of its .safetensors files) only that one tensor is decoded (model.safetensors,
 * or the shard the index names), so a 32,000 x 4,096 matrix is read without the model around it; a
 * llama2.c checkpoint is loaded whole by the models module and its embedding taken.
 */
final class ModelEmbeddings {
    /** The embedding's name in the architectures the models module writes (Llama/Qwen2, GPT-NeoX). */
    private static final List<String> NAMES = List.of("model.embed_tokens.weight", "gpt_neox.embed_in.weight");

    private static final String SINGLE = "model.safetensors";
    private static final String INDEX = "model.safetensors.index.json";

    /**
     * A row-major matrix.
     *
     * @param values [rows, cols] row-major
     * @param rows   vocabulary rows
     * @param cols   hidden size
     */
    record Matrix(float[] values, int rows, int cols) {}

    private ModelEmbeddings() {}

    /**
     * The input embedding of the model at {@code model}: a Hugging Face directory, a .safetensors file,
     * or a llama2.c checkpoint file.
     */
    static Matrix read(Path model) throws IOException {
        if (Files.isDirectory(model)) {
            Path single = model.resolve(SINGLE);
            return fromSafetensors(Files.isRegularFile(single) ? single : shardFromIndex(model));
        }
        if (isSafetensors(model)) {
            return fromSafetensors(model);
        }
        Tensor t = Llama2cCheckpoint.load(model).namedParameters().get(NAMES.getFirst());
        return new Matrix(t.toArray(), t.dim(0), t.dim(1));
    }

    /** Whether {@code file} is named as a safetensors file. */
    static boolean isSafetensors(Path file) {
        return file.getFileName().toString().endsWith(".safetensors");
    }

    private static Matrix fromSafetensors(Path file) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            String name = NAMES.stream()
                    .filter(f::contains)
                    .findFirst()
                    .orElseThrow(() -> new EmbeddingsException(
                            f.path() + ": no input embedding (" + String.join(" or ", NAMES) + ")"));
            SafetensorsEntry e = f.entry(name);
            if (e.shape().length != 2) {
                throw new EmbeddingsException(
                        f.path() + ": " + name + " has " + e.shape().length + " dimensions; an embedding matrix has 2");
            }
            Tensor t = f.read(name);
            return new Matrix(t.hostData(), e.shape()[0], e.shape()[1]);
        }
    }

    /** The shard holding the embedding, by the index's weight_map. */
    private static Path shardFromIndex(Path dir) throws IOException {
        Path index = dir.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new EmbeddingsException(dir + ": no " + SINGLE + " or " + INDEX
                    + " (a Hugging Face model directory holds its weights in one of them)");
        }
        JsonNode map = new ObjectMapper().readTree(index.toFile()).path("weight_map");
        for (String name : NAMES) {
            String shard = map.path(name).asText("");
            if (!shard.isEmpty() && !shard.contains("/") && !shard.contains("\\") && !shard.startsWith(".")) {
                return dir.resolve(shard);
            }
        }
        throw new EmbeddingsException(
                index + ": weight_map names no input embedding (" + String.join(" or ", NAMES) + ")");
    }
}
