package org.fedcot.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A sequence decoded inside a batch gets the same logits, bit for bit, as the same sequence decoded
 * alone: every CPU kernel of the cached forward computes a row the same way whatever rows share the
 * call (what lets batched generation reproduce single-sequence greedy text).
 */
class BatchRowIndependenceTest {
    private static final int B = 3;
    private static final int PROMPT = 3;
    private static final int STEPS = 4;

    @ParameterizedTest
    @CsvSource({"LLAMA,false", "QWEN2,false", "GPT_NEOX,false", "LLAMA,true"})
    void batchRowsEqualSequencesDecodedAlone(ModelType type, boolean wideHeads) {
        // wide heads (head size 32) take the vectorised attention; the tiny configs' size 8 the portable one
        TransformerConfig config = wideHeads
                ? TransformerConfig.builder(type)
                        .vocabSize(37)
                        .hiddenSize(64)
                        .intermediateSize(48)
                        .numLayers(2)
                        .numHeads(2)
                        .numKvHeads(1)
                        .initializerRange(0.2)
                        .build()
                : TestModels.tiny(type, false);
        DecoderModel model = DecoderModel.random(config, 11);
        int V = config.vocabSize();
        int[] prompts = TestModels.randomIds(B * PROMPT, V, 5);
        int[] steps = TestModels.randomIds(B * STEPS, V, 6);

        KvCache batch = model.newCache(B, PROMPT + STEPS);
        Tensor[] batchLogits = new Tensor[STEPS + 1];
        batchLogits[0] = model.forward(batch, prompts, false);
        for (int s = 0; s < STEPS; s++) {
            int[] next = new int[B];
            for (int b = 0; b < B; b++) {
                next[b] = steps[b * STEPS + s];
            }
            batchLogits[s + 1] = model.forward(batch, next, false);
        }

        for (int b = 0; b < B; b++) {
            KvCache alone = model.newCache(1, PROMPT + STEPS);
            int[] prompt = Arrays.copyOfRange(prompts, b * PROMPT, (b + 1) * PROMPT);
            assertRow(type + " row " + b + " prompt", batchLogits[0], b, model.forward(alone, prompt, false));
            for (int s = 0; s < STEPS; s++) {
                Tensor single = model.forward(alone, new int[] {steps[b * STEPS + s]}, false);
                assertRow(type + " row " + b + " step " + s, batchLogits[s + 1], b, single);
            }
        }
    }

    /** Row b of batch logits [B, V] equals single logits [1, V] bit for bit. */
    private static void assertRow(String what, Tensor batch, int b, Tensor single) {
        int V = single.dim(1);
        assertArrayEquals(Arrays.copyOfRange(batch.toArray(), b * V, (b + 1) * V), single.toArray(), what);
    }
}
