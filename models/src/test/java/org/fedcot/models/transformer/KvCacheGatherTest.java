package org.fedcot.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fedcot.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two pieces shared-prefix scoring stands on: logits of chosen positions equal those rows of all
 * positions, and continuing over gathered cache rows equals feeding each row's whole sequence.
 */
class KvCacheGatherTest {
    private static final double TOL = 1e-5;

    @ParameterizedTest
    @CsvSource({"LLAMA", "GPT_NEOX"})
    void chosenRowsAreThoseRowsOfAllPositions(ModelType type) {
        DecoderModel model = DecoderModel.random(TestModels.tiny(type, false), 4);
        int V = model.config().vocabSize();
        int[] ids = TestModels.randomIds(2 * 5, V, 5);
        Tensor all = model.forward(model.newCache(2, 5), ids, true);
        int[] rows = {7, 0, 4, 7};
        Tensor chosen = model.forward(model.newCache(2, 5), ids, rows);
        assertArrayEquals(new int[] {rows.length, V}, chosen.shape());
        for (int i = 0; i < rows.length; i++) {
            for (int v = 0; v < V; v++) {
                assertEquals(all.get(rows[i] * V + v), chosen.get(i * V + v), TOL, "row " + rows[i]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> model.forward(model.newCache(2, 5), ids, new int[] {10}));
        assertThrows(IllegalArgumentException.class, () -> model.forward(model.newCache(2, 5), ids, new int[0]));
    }

    @ParameterizedTest
    @CsvSource({"LLAMA", "QWEN2", "GPT_NEOX"})
    void continuingGatheredRowsEqualsFeedingTheWholeSequence(ModelType type) {
        DecoderModel model = DecoderModel.random(TestModels.tiny(type, false), 6);
        int V = model.config().vocabSize();
        int P = 4;
        int[] prefixes = TestModels.randomIds(2 * 6, V, 8); // two rows of 6; only the first P positions are kept
        KvCache cache = model.newCache(2, 6);
        model.forward(cache, prefixes, false);
        int[] tails = TestModels.randomIds(3 * 2, V, 9);
        int[] from = {1, 0, 1};
        KvCache gathered = cache.gather(from, P, P + 2);
        assertEquals(P, gathered.length());
        Tensor continued = model.forward(gathered, tails, true);
        for (int i = 0; i < from.length; i++) {
            int[] whole = new int[P + 2];
            System.arraycopy(prefixes, from[i] * 6, whole, 0, P);
            System.arraycopy(tails, i * 2, whole, P, 2);
            Tensor reference = model.forward(model.newCache(1, P + 2), whole, true);
            for (int j = 0; j < 2 * V; j++) {
                assertEquals(reference.get(P * V + j), continued.get(i * 2 * V + j), TOL, "row " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> cache.gather(new int[] {2}, P, P));
        assertThrows(IllegalArgumentException.class, () -> cache.gather(new int[] {0}, 7, 8));
    }
}
