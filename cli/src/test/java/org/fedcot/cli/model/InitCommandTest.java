package org.fedcot.cli.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fedcot.cli.CliRun;
import org.fedcot.models.checkpoint.HfCheckpoint;
import org.fedcot.models.checkpoint.HfConfig;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.Dtype;
import org.fedcot.tensor.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fedcot init}: a loadable Hugging Face directory holding exactly the seeded random model. */
class InitCommandTest {
    private static CliRun init(String arch, Path config, Path out, String seed) {
        return initAs(arch, config, out, seed, "auto");
    }

    private static CliRun initAs(String arch, Path config, Path out, String seed, String dtype) {
        return CliRun.command(
                "init",
                "--arch",
                arch,
                "--config",
                config.toString(),
                "--out",
                out.toString(),
                "--seed",
                seed,
                "--dtype",
                dtype);
    }

    @ParameterizedTest
    @CsvSource({"llama,llama_gqa", "llama,qwen2_gqa_bias", "gpt-neox,neox"})
    void writesTheSeededRandomModel(String arch, String fixture, @TempDir Path tmp) throws IOException {
        Path config = GradsFixtures.path(fixture).resolve("config.json");
        Path out = tmp.resolve("model");
        CliRun r = init(arch, config, out, "7");
        assertEquals(0, r.code(), r.err());
        TransformerConfig expectedConfig = HfConfig.read(config);
        DecoderModel loaded = HfCheckpoint.load(out);
        assertEquals(expectedConfig, loaded.config());
        Map<String, Tensor> expected = DecoderModel.random(expectedConfig, 7).namedParameters();
        assertEquals(expected.keySet(), loaded.namedParameters().keySet());
        expected.forEach((name, t) -> assertArrayEquals(
                t.toArray(), loaded.namedParameters().get(name).toArray(), name));

        // and it trains: grads runs on it
        CliRun g = CliRun.command(
                "grads",
                "--model",
                out.toString(),
                "--batch",
                GradsFixtures.path(fixture).resolve("batch.json").toString(),
                "--out",
                tmp.resolve("g.safetensors").toString());
        assertEquals(0, g.code(), g.err());
    }

    @Test
    void seedsDecideTheWeights(@TempDir Path tmp) throws IOException {
        Path config = GradsFixtures.path("llama_gqa").resolve("config.json");
        init("llama", config, tmp.resolve("a"), "1");
        init("llama", config, tmp.resolve("b"), "1");
        init("llama", config, tmp.resolve("c"), "2");
        byte[] a = Files.readAllBytes(tmp.resolve("a/model.safetensors"));
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b/model.safetensors")));
        assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(tmp.resolve("c/model.safetensors"))));
    }

    @Test
    void theArchMustAgreeWithTheConfig(@TempDir Path tmp) {
        Path llama = GradsFixtures.path("llama_gqa").resolve("config.json");
        CliRun r = init("gpt-neox", llama, tmp.resolve("x"), "0");
        assertEquals(1, r.code());
        assertTrue(
                r.err().contains(llama.toString())
                        && r.err().contains("model_type 'llama'")
                        && r.err().contains("gpt-neox"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        CliRun neox = init("llama", GradsFixtures.path("neox").resolve("config.json"), tmp.resolve("y"), "0");
        assertEquals(1, neox.code());
        assertTrue(neox.err().contains("gpt_neox"), neox.err());
        assertEquals(2, init("gpt2", llama, tmp.resolve("z"), "0").code(), "an unknown arch is a usage error");
        assertTrue(Files.notExists(tmp.resolve("x")));
    }

    @Test
    void anExistingModelIsReplacedOnlyWithForce(@TempDir Path tmp) throws IOException {
        Path config = GradsFixtures.path("llama_gqa").resolve("config.json");
        Path out = tmp.resolve("model");
        assertEquals(0, init("llama", config, out, "1").code());
        Files.writeString(out.resolve("tokenizer.json"), "{}");
        byte[] weights = Files.readAllBytes(out.resolve("model.safetensors"));

        CliRun refused = init("llama", config, out, "2");
        assertEquals(1, refused.code());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(
                refused.message().startsWith("--out " + out + " is not empty")
                        && refused.err().contains("--force"),
                refused.err());
        assertArrayEquals(weights, Files.readAllBytes(out.resolve("model.safetensors")), "the model is untouched");

        CliRun forced = CliRun.command(
                "init",
                "--arch",
                "llama",
                "--config",
                config.toString(),
                "--out",
                out.toString(),
                "--seed",
                "2",
                "--force");
        assertEquals(0, forced.code(), forced.err());
        assertFalse(java.util.Arrays.equals(weights, Files.readAllBytes(out.resolve("model.safetensors"))));

        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertEquals(0, init("llama", config, empty, "1").code(), "an empty directory is fine");
    }

    /** The config's torch_dtype bfloat16 (Qwen1.5's, say) makes bf16 weights, which a LoRA base keeps as they are. */
    @Test
    void aBfloat16ConfigGivesBf16WeightsThatLoadFrozen(@TempDir Path tmp) throws IOException {
        Path config = withTorchDtype(tmp, "bfloat16");
        Path out = tmp.resolve("model");
        CliRun r = init("llama", config, out, "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("in BF16"), r.out());
        assertEquals(Dtype.BF16, HfConfig.weightDtype(out.resolve("config.json")));
        try (SafetensorsFile f = SafetensorsFile.open(out.resolve("model.safetensors"))) {
            for (String name : f.names()) {
                assertEquals(Dtype.BF16, f.entry(name).dtype(), name);
            }
        }
        DecoderModel random = DecoderModel.random(HfConfig.read(config), 3);
        DecoderModel frozen = HfCheckpoint.loadFrozen(out);
        assertFalse(frozen.halfWeights().isEmpty());
        frozen.halfWeights().forEach((name, w) -> {
            float[] v = random.namedParameters().get(name).toArray();
            for (int i = 0; i < v.length; i++) {
                assertEquals(HalfWeight.Format.BF16.narrow(v[i]), w.bits()[i], name + " value " + i);
            }
        });

        CliRun f32 = initAs("llama", config, tmp.resolve("f32"), "3", "f32");
        assertEquals(0, f32.code(), f32.err());
        assertTrue(HfCheckpoint.loadFrozen(tmp.resolve("f32")).halfWeights().isEmpty(), "an F32 model loads whole");
    }

    @Test
    void anUnknownDtypeIsRefusedInOneLine(@TempDir Path tmp) throws IOException {
        CliRun bad = init("llama", withTorchDtype(tmp, "int8"), tmp.resolve("x"), "0");
        assertEquals(1, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("torch_dtype") && bad.err().contains("int8"), bad.err());
        CliRun flag = initAs("llama", withTorchDtype(tmp, "float32"), tmp.resolve("y"), "0", "fp8");
        assertEquals(2, flag.code(), flag.err());
        assertTrue(flag.err().contains("--dtype"), flag.err());
    }

    /** A copy of the llama_gqa fixture's config.json with {@code torch_dtype} set. */
    private static Path withTorchDtype(Path tmp, String dtype) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(
                GradsFixtures.path("llama_gqa").resolve("config.json").toFile());
        json.put("torch_dtype", dtype);
        Path config = tmp.resolve(dtype + "-config.json");
        Files.writeString(config, mapper.writeValueAsString(json));
        return config;
    }
}
