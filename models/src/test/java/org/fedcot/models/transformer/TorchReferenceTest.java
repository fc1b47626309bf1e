package org.fedcot.models.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fedcot.models.checkpoint.HfCheckpoint;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each architecture against a PyTorch re-statement of Hugging Face's modeling code
 * ({@code src/test/python/make_model_fixtures.py}, computed in float64): the Hugging Face directory
 * (config.json + model.safetensors) loads, and the logits, the causal-LM loss and the gradient of
 * every parameter agree to {@code max |ours - torch| / max |torch| <= 1e-4} per tensor.
 */
class TorchReferenceTest {
    private static final double TOL = 1e-4;
    private static final String GRAD = "grad.";

    @ParameterizedTest
    @ValueSource(strings = {"llama_gqa", "qwen2_tied", "neox_parallel", "neox_sequential"})
    void logitsLossAndGradientsMatchTorch(String name) throws IOException {
        Path dir = TestModels.resource("/transformer/" + name);
        DecoderModel model = HfCheckpoint.load(dir);
        try (SafetensorsFile expected = SafetensorsFile.open(dir.resolve("expected.safetensors"))) {
            TestModels.checkLossAndBackward(name, model, expected, TOL);
            Set<String> gradNames = new TreeSet<>();
            for (String n : expected.names()) {
                if (n.startsWith(GRAD)) {
                    gradNames.add(n.substring(GRAD.length()));
                }
            }
            assertEquals(gradNames, new TreeSet<>(model.namedParameters().keySet()), name + ": parameters");
            for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
                Tensor grad = e.getValue().grad();
                assertNotNull(grad, name + ": no gradient reached " + e.getKey());
                TestModels.assertClose(name + " grad of " + e.getKey(), grad, expected.read(GRAD + e.getKey()), TOL);
            }
        }
    }
}
