package org.fedcot.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decode steps over slots at different positions give each slot the logits a batch-1 cache gives
 * its sequence alone; slots are taken, freed and reused.
 */
class SlotCacheForwardTest {
    private static final double TOL = 1e-5;

    @ParameterizedTest
    @CsvSource({"LLAMA,false", "QWEN2,false", "GPT_NEOX,false", "GPT_NEOX,true"})
    void eachRowDecodesAtItsOwnPosition(ModelType type, boolean variant) {
        DecoderModel model = DecoderModel.random(TestModels.tiny(type, variant), 5);
        int vocab = model.config().vocabSize();
        int[] promptLengths = {1, 6, 3};
        int steps = 4;
        SlotCache slots = model.newSlotCache(4);
        KvCache[] alone = new KvCache[promptLengths.length];
        int[] slotOf = new int[promptLengths.length];
        int[][] tokens = new int[promptLengths.length][];
        for (int i = 0; i < promptLengths.length; i++) {
            tokens[i] = TestModels.randomIds(promptLengths[i] + steps, vocab, 30 + i);
            int[] prompt = Arrays.copyOf(tokens[i], promptLengths[i]);
            slotOf[i] = slots.acquire(prompt.length + steps);
            alone[i] = model.newCache(1, prompt.length + steps);
            TestModels.assertSameValues(
                    "prefill " + i, model.prefill(slots, slotOf[i], prompt), model.forward(alone[i], prompt, false));
        }
        assertEquals(1, slots.freeSlots());
        for (int s = 0; s < steps; s++) {
            int[] ids = new int[promptLengths.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tokens[i][promptLengths[i] + s];
            }
            Tensor batch = model.forward(slots, slotOf, ids);
            assertArrayEquals(new int[] {ids.length, vocab}, batch.shape());
            for (int i = 0; i < ids.length; i++) {
                Tensor expected = model.forward(alone[i], new int[] {ids[i]}, false);
                Tensor row = Tensor.view(batch.hostData(), batch.offset() + i * vocab, 1, vocab);
                TestModels.assertClose(type + " row " + i + " step " + s, row, expected, TOL);
                assertEquals(promptLengths[i] + s + 1, slots.length(slotOf[i]));
            }
        }
    }

    @Test
    void slotsAreTakenLowestFirstFreedAndReused() {
        DecoderModel model = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 5);
        SlotCache slots = model.newSlotCache(2);
        int a = slots.acquire(8);
        int b = slots.acquire(8);
        assertEquals(0, a);
        assertEquals(1, b);
        assertThrows(IllegalStateException.class, () -> slots.acquire(8));
        model.prefill(slots, a, new int[] {1, 2, 3});
        slots.release(a);
        assertThrows(IllegalArgumentException.class, () -> slots.length(a), "a freed slot is not readable");
        assertEquals(a, slots.acquire(4));
        assertEquals(0, slots.length(a), "a reused slot starts empty");
    }

    @Test
    void badStepsAreRefused() {
        DecoderModel model = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 5);
        SlotCache slots = model.newSlotCache(3);
        int a = slots.acquire(2);
        model.prefill(slots, a, new int[] {1, 2});
        int b = slots.acquire(4);
        model.prefill(slots, b, new int[] {1});
        assertThrows(IllegalArgumentException.class, () -> model.forward(slots, new int[] {a}, new int[] {3}), "full");
        assertThrows(IllegalArgumentException.class, () -> model.forward(slots, new int[] {b, b}, new int[] {3, 3}));
        assertThrows(IllegalArgumentException.class, () -> model.forward(slots, new int[] {2}, new int[] {3}), "free");
        assertThrows(IllegalArgumentException.class, () -> model.forward(slots, new int[] {b}, new int[] {3, 4}));
        DecoderModel other = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 5);
        assertThrows(IllegalArgumentException.class, () -> other.forward(slots, new int[] {b}, new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> other.prefill(slots, b, new int[] {3}));
    }
}
