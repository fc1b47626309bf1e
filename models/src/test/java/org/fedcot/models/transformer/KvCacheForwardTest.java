package org.fedcot.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The inference forward with a KV cache gives the training forward's logits, whether the sequence is
 * fed in one chunk, token by token, or in uneven chunks, for every architecture and for a batch.
 */
class KvCacheForwardTest {
    private static final int T = 11;
    private static final double TOL = 1e-5;

    @ParameterizedTest
    @CsvSource({"LLAMA,false", "LLAMA,true", "QWEN2,false", "GPT_NEOX,false", "GPT_NEOX,true"})
    void chunkedCachedForwardMatchesTheFullForward(ModelType type, boolean variant) {
        DecoderModel model = DecoderModel.random(TestModels.tiny(type, variant), 7);
        int B = 2;
        int[] ids = TestModels.randomIds(B * T, model.config().vocabSize(), 3);
        Tensor full;
        try (NoGrad ignored = NoGrad.enter()) {
            full = model.logits(ids, B, T);
        }
        for (int[] chunks : new int[][] {{T}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, {4, 1, 6}}) {
            KvCache cache = model.newCache(B, T + 2);
            int pos = 0;
            for (int n : chunks) {
                Tensor all = model.forward(cache, window(ids, B, pos, n), true);
                assertEquals(pos + n, cache.length());
                TestModels.assertClose(
                        type + " chunks " + Arrays.toString(chunks) + " at " + pos, all, window(full, B, pos, n), TOL);
                pos += n;
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"LLAMA", "GPT_NEOX"})
    void lastPositionLogitsAreTheLastRowOfAllPositions(ModelType type) {
        DecoderModel model = DecoderModel.random(TestModels.tiny(type, false), 1);
        int[] ids = TestModels.randomIds(2 * 5, model.config().vocabSize(), 9);
        Tensor all = model.forward(model.newCache(2, 8), ids, true);
        Tensor last = model.forward(model.newCache(2, 8), ids, false);
        assertArrayEquals(new int[] {2, model.config().vocabSize()}, last.shape());
        TestModels.assertClose("last position", last, window(all, 2, 4, 1).reshape(2, -1), TOL);
        assertFalse(last.requiresGrad(), "inference logits record no graph");
    }

    @Test
    void resetStartsOverAndOverflowIsRefused() {
        DecoderModel model = DecoderModel.random(TestModels.tiny(ModelType.QWEN2, false), 1);
        KvCache cache = model.newCache(1, 4);
        Tensor first = model.forward(cache, new int[] {5, 6, 7}, false);
        assertThrows(IllegalArgumentException.class, () -> model.forward(cache, new int[] {1, 2}, false));
        cache.reset();
        assertEquals(0, cache.length());
        TestModels.assertSameValues("after reset", model.forward(cache, new int[] {5, 6, 7}, false), first);
        KvCache foreign = DecoderModel.random(TestModels.tiny(ModelType.GPT_NEOX, false), 1)
                .newCache(1, 4);
        assertThrows(IllegalArgumentException.class, () -> model.forward(foreign, new int[] {1}, false));
    }

    /** Positions [pos, pos + n) of each of the B rows of ids [B, T]. */
    private static int[] window(int[] ids, int B, int pos, int n) {
        int[] out = new int[B * n];
        for (int b = 0; b < B; b++) {
            System.arraycopy(ids, b * T + pos, out, b * n, n);
        }
        return out;
    }

    /** Positions [pos, pos + n) of logits [B, T', V] as [B, n, V]. */
    private static Tensor window(Tensor logits, int B, int pos, int n) {
        int tAll = logits.dim(1);
        int V = logits.dim(2);
        Tensor out = Tensor.zeros(B, n, V);
        for (int b = 0; b < B; b++) {
            System.arraycopy(
                    logits.hostData(), logits.offset() + (b * tAll + pos) * V, out.hostData(), b * n * V, n * V);
        }
        return out;
    }
}
