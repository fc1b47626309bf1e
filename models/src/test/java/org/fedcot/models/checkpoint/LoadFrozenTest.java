package org.fedcot.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.KvCache;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.io.Dtype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link HfCheckpoint#loadFrozen}: which weights stay 16-bit, and that the model computes as its widened copy. */
class LoadFrozenTest {
    @TempDir
    Path tmp;

    /**
     * The linear layers' weights stay in the file's 16-bit format, the rest is float32; decoding with a KV
     * cache (a few rows, products at most 256 deep: one widened slab each) gives the widened copy's logits
     * bit for bit.
     */
    @ParameterizedTest
    @CsvSource({"LLAMA, BF16", "QWEN2, F16", "GPT_NEOX, BF16"})
    void linearWeightsStayInTheirFormatAndDecodeAsTheWidenedCopy(ModelType type, Dtype dtype) throws IOException {
        HfCheckpointWriter.save(DecoderModel.random(TestModels.tiny(type, false), 9), tmp, dtype);
        DecoderModel frozen = HfCheckpoint.loadFrozen(tmp);
        DecoderModel widened = HfCheckpoint.load(tmp);
        int layers = frozen.config().numLayers();
        int perLayer = type == ModelType.GPT_NEOX ? 4 : 7;
        assertEquals(layers * perLayer, frozen.halfWeights().size(), "every linear layer of every block");
        for (HalfWeight w : frozen.halfWeights().values()) {
            assertEquals(dtype.halfFormat().orElseThrow(), w.format(), w.name());
        }
        assertEquals(
                widened.namedParameters().size(),
                frozen.namedParameters().size() + frozen.halfWeights().size());
        for (String name : frozen.halfWeights().keySet()) {
            assertTrue(widened.namedParameters().containsKey(name), name);
        }

        int[] prompt = TestModels.randomIds(6, frozen.config().vocabSize(), 4);
        KvCache a = frozen.newCache(2, 8);
        KvCache b = widened.newCache(2, 8);
        assertArrayEquals(
                widened.forward(b, prompt, true).toArray(),
                frozen.forward(a, prompt, true).toArray(),
                "prefill");
        int[] next = {3, 5};
        assertArrayEquals(
                widened.forward(b, next, false).toArray(),
                frozen.forward(a, next, false).toArray(),
                "decode step");
    }

    @Test
    void anF32CheckpointLoadsWhole() throws IOException {
        HfCheckpointWriter.save(DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 9), tmp);
        assertTrue(HfCheckpoint.loadFrozen(tmp).halfWeights().isEmpty());
    }
}
