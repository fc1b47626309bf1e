package org.fedcot.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import org.fedcot.models.transformer.HiddenAct;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.fedcot.models.transformer.TransformerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config.json parsing: Hugging Face's defaults, the fields each model type reads, errors, and round trips. */
class HfConfigTest {
    private static final String SIZES = "\"vocab_size\": 100, \"hidden_size\": 64, \"intermediate_size\": 128,"
            + " \"num_hidden_layers\": 2, \"num_attention_heads\": 8";

    @Test
    void leftOutFieldsTakeHuggingFaceDefaults() throws CheckpointException {
        TransformerConfig llama = HfConfig.parse("{\"model_type\": \"llama\", " + SIZES + "}", "config.json");
        assertEquals(8, llama.numKvHeads());
        assertEquals(8, llama.headDim());
        assertEquals(1e-6, llama.normEps());
        assertEquals(10000, llama.ropeTheta());
        assertEquals(HiddenAct.SILU, llama.hiddenAct());
        assertEquals(OptionalInt.of(1), llama.bosTokenId());
        assertEquals(List.of(2), llama.eosTokenIds());
        TransformerConfig neox = HfConfig.parse("{\"model_type\": \"gpt_neox\", " + SIZES + "}", "config.json");
        assertEquals(0.25, neox.rotaryPct());
        assertEquals(2, neox.rotaryDim());
        assertEquals(true, neox.parallelResidual());
        assertEquals(1e-5, neox.normEps());
        assertEquals(HiddenAct.GELU_ERF, neox.hiddenAct());
    }

    @Test
    void eachModelTypeReadsItsOwnFieldNames() throws CheckpointException {
        TransformerConfig neox = HfConfig.parse(
                "{\"model_type\": \"gpt_neox\", " + SIZES + ", \"rotary_emb_base\": 500,"
                        + " \"rotary_pct\": 0.5, \"use_parallel_residual\": false, \"layer_norm_eps\": 1e-3,"
                        + " \"hidden_act\": \"gelu_pytorch_tanh\", \"eos_token_id\": [0, 7], \"bos_token_id\": null}",
                "c");
        assertEquals(List.of(500.0, 0.5, 1e-3), List.of(neox.ropeTheta(), neox.rotaryPct(), neox.normEps()));
        assertEquals(false, neox.parallelResidual());
        assertEquals(HiddenAct.GELU_TANH, neox.hiddenAct());
        assertEquals(List.of(0, 7), neox.eosTokenIds());
        assertEquals(OptionalInt.empty(), neox.bosTokenId());
        TransformerConfig qwen = HfConfig.parse(
                "{\"model_type\": \"qwen2\", " + SIZES + ", \"num_key_value_heads\": 2,"
                        + " \"rope_theta\": 1000000.0, \"rms_norm_eps\": 1e-5, \"tie_word_embeddings\": true}",
                "c");
        assertEquals(List.of(2, 1000000.0, 1e-5), List.of(qwen.numKvHeads(), qwen.ropeTheta(), qwen.normEps()));
        assertEquals(List.of(true, true, false), List.of(qwen.tieWordEmbeddings(), qwen.qkvBias(), qwen.outputBias()));
    }

    @Test
    void anUnsupportedModelTypeIsNamed() {
        CheckpointException e = assertThrows(
                CheckpointException.class,
                () -> HfConfig.parse("{\"model_type\": \"opt\", " + SIZES + "}", "config.json"));
        assertEquals("config.json: model_type 'opt' is not supported (llama, qwen2, gpt_neox)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"vocab_size\": 1}|config.json: missing required field 'model_type'",
                "{\"model_type\": \"llama\", \"hidden_size\": 64}|config.json: missing required field 'vocab_size'",
                "{\"model_type\": \"llama\", \"vocab_size\": 1, \"hidden_size\": 64, \"intermediate_size\": 2,"
                        + " \"num_attention_heads\": 8}|config.json: missing required field 'num_hidden_layers'",
                "{\"model_type\": \"llama\", \"vocab_size\": \"many\"}|config.json: field 'vocab_size' must be an integer,"
                        + " got \"many\"",
                "[1, 2]|config.json: expected a JSON object",
            })
    void missingAndMistypedFieldsAreNamed(String json, String message) {
        assertEquals(
                message,
                assertThrows(CheckpointException.class, () -> HfConfig.parse(json, "config.json"))
                        .getMessage());
    }

    @Test
    void unsupportedFeaturesAreRefusedNotIgnored() {
        String scaled = "{\"model_type\": \"llama\", " + SIZES + ", \"rope_scaling\": {\"type\": \"linear\"}}";
        assertEquals(
                "config.json: rope_scaling is set but rope scaling is not supported",
                assertThrows(CheckpointException.class, () -> HfConfig.parse(scaled, "config.json"))
                        .getMessage());
        String act = "{\"model_type\": \"llama\", " + SIZES + ", \"hidden_act\": \"relu\"}";
        assertThrows(CheckpointException.class, () -> HfConfig.parse(act, "config.json"));
        String gqaNeox = "{\"model_type\": \"llama\", " + SIZES + ", \"num_key_value_heads\": 3}";
        assertThrows(CheckpointException.class, () -> HfConfig.parse(gqaNeox, "config.json"));
    }

    @Test
    void writtenConfigsParseBackToTheSameConfig() throws CheckpointException {
        for (ModelType type : ModelType.values()) {
            for (boolean variant : new boolean[] {false, true}) {
                TransformerConfig c = TestModels.tiny(type, variant);
                assertEquals(c, HfConfig.parse(HfConfig.toJson(c), "written"));
            }
        }
        TransformerConfig multiEos = TestModels.tiny(ModelType.LLAMA, false).toBuilder()
                .headDim(12)
                .eosTokenIds(List.of(2, 5))
                .bosTokenId(OptionalInt.empty())
                .build();
        assertEquals(multiEos, HfConfig.parse(HfConfig.toJson(multiEos), "written"));
    }
}
