package org.fedcot.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraAdapters;
import org.fedcot.models.transformer.LoraSpec;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsEntry;
import org.fedcot.tensor.io.SafetensorsFile;
import org.fedcot.tensor.io.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Adapter directories in PEFT's layout: the config's keys and values, the tensors' names and shapes, round trips, refusals. */
class PeftAdapterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The keys of the adapter_config.json that PEFT's LoraConfig.save_pretrained writes (PEFT 0.10, without its newer optional ones). */
    private static final Set<String> PEFT_KEYS = Set.of(
            "alpha_pattern",
            "auto_mapping",
            "base_model_name_or_path",
            "bias",
            "fan_in_fan_out",
            "inference_mode",
            "init_lora_weights",
            "layers_pattern",
            "layers_to_transform",
            "lora_alpha",
            "lora_dropout",
            "modules_to_save",
            "peft_type",
            "r",
            "rank_pattern",
            "revision",
            "target_modules",
            "task_type",
            "use_dora",
            "use_rslora");

    @TempDir
    Path tmp;

    private static LoraAdapters adapted(ModelType type, long seed) {
        DecoderModel m = DecoderModel.random(TestModels.tiny(type, false), 4);
        return LoraAdapters.attach(m, new LoraSpec(2, 16, 0.05, LoraSpec.defaultTargets(type)), seed);
    }

    @Test
    void filesFollowPeftsLayout() throws IOException {
        LoraAdapters lora = adapted(ModelType.LLAMA, 1);
        PeftAdapter.save(lora, "meta-llama/tiny", tmp);

        JsonNode config = MAPPER.readTree(Files.readString(tmp.resolve("adapter_config.json")));
        Set<String> keys = new TreeSet<>();
        config.fieldNames().forEachRemaining(keys::add);
        assertEquals(new TreeSet<>(PEFT_KEYS), keys);
        assertEquals("LORA", config.get("peft_type").asText());
        assertEquals("CAUSAL_LM", config.get("task_type").asText());
        assertEquals("none", config.get("bias").asText());
        assertEquals("meta-llama/tiny", config.get("base_model_name_or_path").asText());
        assertTrue(config.get("r").isInt() && config.get("r").asInt() == 2);
        assertTrue(config.get("lora_alpha").isInt() && config.get("lora_alpha").asInt() == 16, "PEFT writes an int");
        assertEquals(0.05, config.get("lora_dropout").asDouble());
        assertFalse(config.get("fan_in_fan_out").asBoolean());
        assertEquals("[\"q_proj\",\"v_proj\"]", config.get("target_modules").toString());

        List<String> names = new ArrayList<>();
        try (SafetensorsFile f = SafetensorsFile.open(tmp.resolve("adapter_model.safetensors"))) {
            for (SafetensorsEntry e : f.entries()) {
                names.add(e.name());
                boolean a = e.name().endsWith(".lora_A.weight");
                int[] shape = e.shape();
                assertEquals(2, a ? shape[0] : shape[1], e.name() + ": A is [r, in], B [out, r]");
                assertEquals(a ? 32 : (e.name().contains("q_proj") ? 32 : 16), a ? shape[1] : shape[0], e.name());
            }
            assertEquals("pt", f.metadata().get("format"));
        }
        List<String> expected = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            for (String proj : List.of("q_proj", "v_proj")) {
                for (String ab : List.of("A", "B")) {
                    expected.add(
                            "base_model.model.model.layers." + l + ".self_attn." + proj + ".lora_" + ab + ".weight");
                }
            }
        }
        assertEquals(new TreeSet<>(expected), new TreeSet<>(names));
    }

    @Test
    void aSavedAdapterLoadsOntoAFreshBase() throws IOException {
        LoraAdapters lora = adapted(ModelType.GPT_NEOX, 1);
        lora.tensors().forEach((n, t) -> t.set(0, 0.25f)); // B is nonzero too
        PeftAdapter.save(lora, null, tmp);
        assertTrue(MAPPER.readTree(Files.readString(tmp.resolve("adapter_config.json")))
                .get("base_model_name_or_path")
                .isNull());

        DecoderModel fresh = DecoderModel.random(TestModels.tiny(ModelType.GPT_NEOX, false), 4);
        LoraAdapters loaded = PeftAdapter.load(fresh, tmp);
        assertEquals(lora.spec(), loaded.spec());
        for (Map.Entry<String, Tensor> e : lora.tensors().entrySet()) {
            assertArrayEquals(
                    e.getValue().toArray(), loaded.tensors().get(e.getKey()).toArray(), e.getKey());
        }
        assertTrue(loaded.modules().getFirst().startsWith("gpt_neox.layers.0.attention.query_key_value"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "peft_type|\"PREFIX_TUNING\"|peft_type must be \"LORA\"",
                "use_dora|true|use_dora true is not supported",
                "use_rslora|true|use_rslora true is not supported",
                "bias|\"all\"|bias \"all\" is not supported",
                "fan_in_fan_out|true|fan_in_fan_out true is not supported",
                "modules_to_save|[\"lm_head\"]|modules_to_save [\"lm_head\"] is not supported",
                "rank_pattern|{\"q_proj\": 4}|rank_pattern",
                "target_modules|\".*q_proj\"|a regular expression is not supported",
                "target_modules|[\"nothing\"]|match no linear layer",
                "r|0|lora rank must be at least 1",
                "r|\"8\"|r must be an integer",
                "lora_alpha|null|lora_alpha is missing",
            })
    void unsupportedConfigsAreRefusedByField(String field, String json, String message) throws IOException {
        PeftAdapter.save(adapted(ModelType.LLAMA, 1), null, tmp);
        Path file = tmp.resolve("adapter_config.json");
        ObjectNode config = (ObjectNode) MAPPER.readTree(Files.readString(file));
        config.set(field, MAPPER.readTree(json));
        Files.writeString(file, config.toString());
        DecoderModel m = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 4);
        CheckpointException e = assertThrows(CheckpointException.class, () -> PeftAdapter.load(m, tmp));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void weightsThatDoNotFitAreRefusedByTensor() throws IOException {
        PeftAdapter.save(adapted(ModelType.LLAMA, 1), null, tmp);
        Path file = tmp.resolve("adapter_model.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (String n : f.names()) {
                tensors.put(n, f.read(n));
            }
        }
        Map<String, Tensor> extra = new LinkedHashMap<>(tensors);
        extra.put("base_model.model.lm_head.weight", Tensor.zeros(37, 32));
        SafetensorsWriter.write(file, extra);
        assertRefused("holds base_model.model.lm_head.weight");

        Map<String, Tensor> missing = new LinkedHashMap<>(tensors);
        String dropped = "base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight";
        missing.remove(dropped);
        SafetensorsWriter.write(file, missing);
        assertRefused("no tensor " + dropped);

        Map<String, Tensor> reshaped = new LinkedHashMap<>(tensors);
        reshaped.put(dropped, Tensor.zeros(16, 3));
        SafetensorsWriter.write(file, reshaped);
        assertRefused(dropped + " has shape [16, 3]");

        Files.delete(file);
        assertRefused("adapter_model.safetensors: not found");
    }

    private void assertRefused(String message) {
        DecoderModel m = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 4);
        CheckpointException e = assertThrows(CheckpointException.class, () -> PeftAdapter.load(m, tmp));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
