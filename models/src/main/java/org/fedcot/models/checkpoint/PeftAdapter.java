package org.fedcot.models.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraAdapters;
import org.fedcot.models.transformer.LoraSpec;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsEntry;
import org.fedcot.tensor.io.SafetensorsFile;
import org.fedcot.tensor.io.SafetensorsWriter;

/**
 * LoRA adapters in Hugging Face PEFT's directory layout, which PEFT's {@code PeftModel.from_pretrained}
 * reads and writes: adapter_config.json (a {@code LoraConfig}: peft_type "LORA", r, lora_alpha,
 * lora_dropout, target_modules, ...) and adapter_model.safetensors holding, per adapted module,
 * {@code base_model.model.<module>.lora_A.weight} [r, in] and {@code ...lora_B.weight} [out, r].
 * Only what this project computes loads: plain LoRA on linear layers, without DoRA, rsLoRA, per-layer
 * ranks, trained biases or extra saved modules; anything else is refused by name.
 */
public final class PeftAdapter {
    /** The config file's name. */
    public static final String CONFIG = "adapter_config.json";
    /** The weights file's name. */
    public static final String WEIGHTS = "adapter_model.safetensors";
    /** PEFT's prefix of a tensor name before the module's name in the base model. */
    public static final String PREFIX = "base_model.model.";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PeftAdapter() {}

    /**
     * Writes {@code adapters} into {@code dir} (created if needed): the weights, then the config, each
     * atomically. {@code baseModel} is recorded as base_model_name_or_path; null records none.
     */
    public static void save(LoraAdapters adapters, String baseModel, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        adapters.tensors().forEach((name, t) -> tensors.put(PREFIX + name, t));
        SafetensorsWriter.write(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
        AtomicFiles.writeString(dir.resolve(CONFIG), configJson(adapters.spec(), baseModel));
    }

    /** The adapter_config.json text of {@code spec}, with PEFT's LoraConfig keys and defaults. */
    static String configJson(LoraSpec spec, String baseModel) {
        ObjectNode o = MAPPER.createObjectNode();
        o.putObject("alpha_pattern");
        o.putNull("auto_mapping");
        if (baseModel == null) {
            o.putNull("base_model_name_or_path");
        } else {
            o.put("base_model_name_or_path", baseModel);
        }
        o.put("bias", "none");
        o.put("fan_in_fan_out", false);
        o.put("inference_mode", true);
        o.put("init_lora_weights", true);
        o.putNull("layers_pattern");
        o.putNull("layers_to_transform");
        if (spec.alpha() == Math.rint(spec.alpha()) && Math.abs(spec.alpha()) < Integer.MAX_VALUE) {
            o.put("lora_alpha", (int) spec.alpha()); // PEFT's configs hold an int here
        } else {
            o.put("lora_alpha", spec.alpha());
        }
        o.put("lora_dropout", spec.dropout());
        o.putNull("modules_to_save");
        o.put("peft_type", "LORA");
        o.put("r", spec.rank());
        o.putObject("rank_pattern");
        o.putNull("revision");
        ArrayNode targets = o.putArray("target_modules");
        spec.targets().forEach(targets::add);
        o.put("task_type", "CAUSAL_LM");
        o.put("use_dora", false);
        o.put("use_rslora", false);
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialising a JSON tree cannot fail", e);
        }
    }

    /**
     * Reads {@code dir}'s adapter_config.json.
     *
     * @throws CheckpointException naming the file and field when it is missing, unreadable, or asks for
     *                             something other than plain LoRA
     */
    public static LoraSpec readSpec(Path dir) throws IOException {
        Path file = dir.resolve(CONFIG);
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new CheckpointException(
                    file + ": not found; a PEFT adapter directory holds " + CONFIG + " and " + WEIGHTS, e);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file + ": expected a JSON object");
        }
        ConfigCheck c = new ConfigCheck(root, file);
        c.require("peft_type", "LORA");
        c.allow("bias", "none");
        c.allow("fan_in_fan_out", false);
        c.allow("use_dora", false);
        c.allow("use_rslora", false);
        c.requireEmpty("modules_to_save");
        c.requireEmpty("layers_to_transform");
        c.requireEmpty("rank_pattern");
        c.requireEmpty("alpha_pattern");
        JsonNode targets = root.get("target_modules");
        if (targets == null || !targets.isArray()) {
            throw new CheckpointException(file + ": target_modules must be a list of module names"
                    + (targets != null && targets.isTextual() ? " (a regular expression is not supported)" : ""));
        }
        List<String> names = new ArrayList<>();
        for (JsonNode t : targets) {
            if (!t.isTextual()) {
                throw new CheckpointException(file + ": target_modules holds " + t + ", not a module name");
            }
            names.add(t.asText());
        }
        try {
            return new LoraSpec(c.integer("r"), c.number("lora_alpha", Double.NaN), c.number("lora_dropout", 0), names);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Attaches the adapter in {@code dir} to {@code model} (see {@link LoraAdapters#attach}) and reads
     * its weights. On an error in the weights file the model is left with adapters of unknown values:
     * load it again.
     */
    public static LoraAdapters load(DecoderModel model, Path dir) throws IOException {
        LoraSpec spec = readSpec(dir);
        LoraAdapters adapters;
        try {
            adapters = LoraAdapters.attach(model, spec, 0);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir.resolve(CONFIG) + ": " + e.getMessage(), e);
        }
        readWeights(adapters, dir);
        return adapters;
    }

    /**
     * Overwrites {@code adapters}' tensors with those in {@code dir}'s adapter_model.safetensors. Every
     * tensor is checked before any is read: each adapter's A and B present, with their shapes, and
     * nothing else in the file.
     *
     * @throws CheckpointException naming the file and tensor
     */
    public static void readWeights(LoraAdapters adapters, Path dir) throws IOException {
        Path file = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(
                    file + ": not found; a PEFT adapter directory holds " + CONFIG + " and " + WEIGHTS);
        }
        Map<String, Tensor> wanted = new LinkedHashMap<>();
        adapters.tensors().forEach((name, t) -> wanted.put(PREFIX + name, t));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (Map.Entry<String, Tensor> e : wanted.entrySet()) {
                if (!f.contains(e.getKey())) {
                    throw new CheckpointException(
                            file + ": no tensor " + e.getKey() + ", which the adapter config's" + " targets ask for");
                }
                SafetensorsEntry entry = f.entry(e.getKey());
                if (!Arrays.equals(entry.shape(), e.getValue().shape())) {
                    throw new CheckpointException(file + ": tensor " + e.getKey() + " has shape "
                            + Shapes.str(entry.shape()) + " but the model and r need "
                            + Shapes.str(e.getValue().shape()));
                }
                if (!entry.dtype().readableAsFloat()) {
                    throw new CheckpointException(file + ": tensor " + e.getKey() + " has dtype " + entry.dtype()
                            + "; only F32, F16 and BF16 weights can be loaded");
                }
            }
            for (String name : f.names()) {
                if (!wanted.containsKey(name)) {
                    throw new CheckpointException(file + ": holds " + name + ", which is not the LoRA A or B of a"
                            + " targeted linear layer of this model");
                }
            }
            for (Map.Entry<String, Tensor> e : wanted.entrySet()) {
                f.readInto(e.getKey(), e.getValue());
            }
        }
    }

    /** Typed, checked reads of adapter_config.json's fields; JSON null counts as absent. */
    private record ConfigCheck(JsonNode root, Path file) {
        private JsonNode field(String name) {
            JsonNode n = root.get(name);
            return n == null || n.isNull() ? null : n;
        }

        void require(String name, String value) throws CheckpointException {
            JsonNode n = field(name);
            if (n == null || !n.isTextual() || !n.asText().equals(value)) {
                throw new CheckpointException(file + ": " + name + " must be \"" + value + "\", got " + n);
            }
        }

        void allow(String name, String only) throws CheckpointException {
            JsonNode n = field(name);
            if (n != null && !(n.isTextual() && n.asText().equals(only))) {
                throw new CheckpointException(
                        file + ": " + name + " " + n + " is not supported; only \"" + only + "\"");
            }
        }

        void allow(String name, boolean only) throws CheckpointException {
            JsonNode n = field(name);
            if (n != null && !(n.isBoolean() && n.asBoolean() == only)) {
                throw new CheckpointException(file + ": " + name + " " + n + " is not supported; only " + only);
            }
        }

        void requireEmpty(String name) throws CheckpointException {
            JsonNode n = field(name);
            if (n != null && !n.isEmpty()) {
                throw new CheckpointException(file + ": " + name + " " + n + " is not supported; leave it empty");
            }
        }

        int integer(String name) throws CheckpointException {
            JsonNode n = field(name);
            if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
                throw new CheckpointException(file + ": " + name + " must be an integer, got " + n);
            }
            return n.asInt();
        }

        double number(String name, double absent) throws CheckpointException {
            JsonNode n = field(name);
            if (n == null) {
                if (Double.isNaN(absent)) {
                    throw new CheckpointException(file + ": " + name + " is missing");
                }
                return absent;
            }
            if (!n.isNumber()) {
                throw new CheckpointException(file + ": " + name + " must be a number, got " + n);
            }
            return n.asDouble();
        }
    }
}
