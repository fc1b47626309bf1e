package org.fedcot.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraAdapters;
import org.fedcot.models.transformer.TestModels;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LoRA against a PyTorch reference of W + (alpha/r) B A (src/test/python/make_lora_fixtures.py, dropout
 * off): the adapter that script wrote in PEFT's layout loads onto the base model, and the logits, the
 * loss and the adapters' gradients match within 1e-4 relative; the frozen base gets no gradient.
 */
class LoraReferenceTest {
    private static final double TOL = 1e-4;
    private static final String GRAD = "grad.";

    @ParameterizedTest
    @ValueSource(strings = {"llama", "neox"})
    void adapterGradientsMatchTorch(String name) throws IOException {
        Path dir = TestModels.resource("/lora/" + name);
        DecoderModel model = HfCheckpoint.load(dir);
        LoraAdapters lora = PeftAdapter.load(model, dir.resolve("adapter"));
        try (SafetensorsFile expected = SafetensorsFile.open(dir.resolve("expected.safetensors"))) {
            TestModels.checkLossAndBackward(name, model, expected, TOL);

            Set<String> gradNames = new TreeSet<>();
            for (String n : expected.names()) {
                if (n.startsWith(GRAD)) {
                    gradNames.add(n.substring(GRAD.length()));
                }
            }
            Set<String> adapterNames = new TreeSet<>();
            lora.tensors().keySet().forEach(n -> adapterNames.add(PeftAdapter.PREFIX + n));
            assertEquals(gradNames, adapterNames, name + ": adapter tensors");
            for (Map.Entry<String, Tensor> e : lora.tensors().entrySet()) {
                Tensor grad = e.getValue().grad();
                assertNotNull(grad, name + ": no gradient reached " + e.getKey());
                TestModels.assertClose(
                        name + " grad of " + e.getKey(),
                        grad,
                        expected.read(GRAD + PeftAdapter.PREFIX + e.getKey()),
                        TOL);
            }
            for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
                assertNull(e.getValue().grad(), name + ": the frozen " + e.getKey() + " got a gradient");
            }
        }
    }
}
