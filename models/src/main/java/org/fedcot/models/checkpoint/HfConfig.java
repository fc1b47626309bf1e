package org.fedcot.models.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.fedcot.models.io.TextFiles;
import org.fedcot.models.transformer.HiddenAct;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.models.transformer.TransformerConfigBuilder;
import org.fedcot.tensor.io.Dtype;

/**
 * Hugging Face's config.json to and from {@link TransformerConfig}. Reading requires model_type,
 * vocab_size, hidden_size, intermediate_size, num_hidden_layers and num_attention_heads; any other
 * field left out takes Hugging Face's default for the model type. Fields this module cannot honour
 * (rope_scaling, Qwen2's sliding window) are refused rather than ignored.
 */
public final class HfConfig {
    /** The file name inside a checkpoint directory. */
    public static final String FILE_NAME = "config.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HfConfig() {}

    /** Reads and parses {@code configJson}. */
    public static TransformerConfig read(Path configJson) throws IOException {
        if (!Files.exists(configJson)) {
            throw new CheckpointException(configJson + ": no such file");
        }
        return parse(TextFiles.read(configJson), configJson.toString());
    }

    /**
     * Parses config.json text; {@code source} names it in error messages.
     *
     * @throws CheckpointException on invalid JSON, an unsupported model_type, a missing required field,
     *                             a field of the wrong type, or inconsistent values
     */
    public static TransformerConfig parse(String json, String source) throws CheckpointException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(source + ": expected a JSON object");
        }
        ConfigFields f = new ConfigFields(root, source);
        String typeName = f.requiredString("model_type");
        ModelType type = ModelType.fromHfName(typeName)
                .orElseThrow(() -> new CheckpointException(source + ": model_type '" + typeName + "' is not supported ("
                        + ModelType.supportedNames() + ")"));
        TransformerConfigBuilder b = TransformerConfig.builder(type)
                .vocabSize(f.requiredInt("vocab_size"))
                .hiddenSize(f.requiredInt("hidden_size"))
                .intermediateSize(f.requiredInt("intermediate_size"))
                .numLayers(f.requiredInt("num_hidden_layers"))
                .numHeads(f.requiredInt("num_attention_heads"));
        f.optionalInt("max_position_embeddings").ifPresent(b::maxPositionEmbeddings);
        f.optionalDouble("initializer_range").ifPresent(b::initializerRange);
        f.optionalBoolean("tie_word_embeddings").ifPresent(b::tieWordEmbeddings);
        f.optionalBoolean("attention_bias").ifPresent(b::attentionBias);
        if (f.has("hidden_act")) {
            String act = f.requiredString("hidden_act");
            b.hiddenAct(HiddenAct.fromHfName(act)
                    .orElseThrow(() -> new CheckpointException(source + ": hidden_act '" + act
                            + "' is not supported (silu, gelu, gelu_new, gelu_pytorch_tanh)")));
        }
        // an explicit null means "no such token", unlike a left-out field, which keeps the default
        if (f.listed("bos_token_id")) {
            b.bosTokenId(f.optionalInt("bos_token_id").map(OptionalInt::of).orElse(OptionalInt.empty()));
        }
        if (f.listed("eos_token_id")) {
            b.eosTokenIds(f.has("eos_token_id") ? f.intOrIntList("eos_token_id") : List.of());
        }
        type.architecture().read(f, b);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The dtype config.json's torch_dtype names for the weights: BF16 for bfloat16, F16 for float16,
     * F32 for float32 or when the field is left out.
     *
     * @throws CheckpointException on invalid JSON or another torch_dtype, naming the file and field
     */
    public static Dtype weightDtype(Path configJson) throws IOException {
        String source = configJson.toString();
        JsonNode root;
        try {
            root = MAPPER.readTree(TextFiles.read(configJson));
        } catch (JsonProcessingException e) {
            throw new CheckpointException(source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        JsonNode field = root == null ? null : root.get("torch_dtype");
        if (field == null || field.isNull()) {
            return Dtype.F32;
        }
        for (Dtype d : List.of(Dtype.F32, Dtype.BF16, Dtype.F16)) {
            if (torchName(d).equals(field.asText())) {
                return d;
            }
        }
        throw new CheckpointException(source + ": torch_dtype " + field + " is not float32, bfloat16 or float16");
    }

    /** PyTorch's name of a float dtype (config.json's torch_dtype). */
    private static String torchName(Dtype d) {
        return switch (d) {
            case BF16 -> "bfloat16";
            case F16 -> "float16";
            default -> "float32";
        };
    }

    /** The config.json text for {@code c}, with float32 weights; see {@link #toJson(TransformerConfig, Dtype)}. */
    public static String toJson(TransformerConfig c) {
        return toJson(c, Dtype.F32);
    }

    /**
     * The config.json text for {@code c}: the fields its model type's Hugging Face config class reads,
     * and torch_dtype naming {@code weights}, the dtype the weights are stored in (F32, BF16 or F16).
     */
    public static String toJson(TransformerConfig c, Dtype weights) {
        ObjectNode o = MAPPER.createObjectNode();
        o.putArray("architectures").add(c.modelType().hfClass());
        o.put("model_type", c.modelType().hfName());
        o.put("vocab_size", c.vocabSize());
        o.put("hidden_size", c.hiddenSize());
        o.put("intermediate_size", c.intermediateSize());
        o.put("num_hidden_layers", c.numLayers());
        o.put("num_attention_heads", c.numHeads());
        c.modelType().architecture().write(c, o);
        o.put("hidden_act", c.hiddenAct().hfName());
        o.put("max_position_embeddings", c.maxPositionEmbeddings());
        o.put("initializer_range", c.initializerRange());
        o.put("tie_word_embeddings", c.tieWordEmbeddings());
        if (c.bosTokenId().isPresent()) {
            o.put("bos_token_id", c.bosTokenId().getAsInt());
        } else {
            o.putNull("bos_token_id");
        }
        List<Integer> eos = c.eosTokenIds();
        if (eos.size() == 1) {
            o.put("eos_token_id", eos.get(0));
        } else if (eos.isEmpty()) {
            o.putNull("eos_token_id");
        } else {
            ArrayNode a = o.putArray("eos_token_id");
            eos.forEach(a::add);
        }
        o.put("torch_dtype", torchName(weights));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialising a JSON tree cannot fail", e);
        }
    }

    /** Writes {@link #toJson} to {@code configJson}, atomically. */
    public static void write(TransformerConfig c, Path configJson) throws IOException {
        write(c, configJson, Dtype.F32);
    }

    /** Writes {@link #toJson(TransformerConfig, Dtype)} to {@code configJson}, atomically. */
    public static void write(TransformerConfig c, Path configJson, Dtype weights) throws IOException {
        AtomicFiles.writeString(configJson, toJson(c, weights));
    }
}
