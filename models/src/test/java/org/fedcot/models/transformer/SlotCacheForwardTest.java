package org.fedcot.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decode steps over slots at different positions give each slot the logits a batch-1 cache gives
 * its sequence alone; slots are taken, freed and reused, storage included.
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
            TestModels.assertClose(
                    "prefill " + i,
                    model.prefill(slots, slotOf[i], prompt),
                    model.forward(alone[i], prompt, false),
                    TOL);
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

    /**
     * With several slots, a prompt's pass multiplies the packed weights as the decode steps do, and
     * every op of it is per position, so a prompt gives the same bits fed in a pass of its own, beside
     * other slots' tokens in one pass, or one token per step beside another sequence: where a
     * sequence's prompt ends and what rides beside it do not matter.
     */
    @ParameterizedTest
    @CsvSource({"LLAMA,false", "QWEN2,false", "GPT_NEOX,false", "GPT_NEOX,true"})
    void aPromptGivesTheSameBitsHoweverItIsSplitOverPasses(ModelType type, boolean variant) {
        DecoderModel model = DecoderModel.random(TestModels.tiny(type, variant), 5);
        int vocab = model.config().vocabSize();
        int[] prompt = TestModels.randomIds(7, vocab, 50);
        SlotCache slots = model.newSlotCache(4);
        int whole = slots.acquire(prompt.length + 1);
        int fed = slots.acquire(prompt.length + 1);
        int other = slots.acquire(prompt.length + 2);
        int beside = slots.acquire(prompt.length + 1);
        float[] once = model.prefill(slots, whole, prompt).toArray();
        model.prefill(slots, other, new int[] {3, 4});
        Tensor mixed = model.forward(slots, new int[] {other, beside, fed}, new int[][] {{5}, prompt, {prompt[0]}});
        assertArrayEquals(once, Arrays.copyOfRange(mixed.toArray(), vocab, 2 * vocab), "beside other slots");
        Tensor step = null;
        for (int t = 1; t < prompt.length; t++) {
            step = model.forward(slots, new int[] {other, fed}, new int[] {5 + t, prompt[t]});
        }
        assertArrayEquals(once, Arrays.copyOfRange(step.toArray(), vocab, 2 * vocab), "a token per step");
        // each pass's logits are overwritten by the next, so each is copied out
        float[] afterWhole =
                model.forward(slots, new int[] {whole}, new int[] {9}).toArray();
        float[] afterBeside =
                model.forward(slots, new int[] {beside}, new int[] {9}).toArray();
        float[] afterFed = model.forward(slots, new int[] {fed}, new int[] {9}).toArray();
        assertArrayEquals(afterWhole, afterBeside, "the next step, after the prompt beside other slots");
        assertArrayEquals(afterWhole, afterFed, "the next step, after the prompt a token per step");
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
    void aReusedSlotDecodesAsANewCacheWithinItsOwnCapacity() {
        DecoderModel model = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 5);
        int vocab = model.config().vocabSize();
        SlotCache slots = model.newSlotCache(1);
        int a = slots.acquire(12);
        model.prefill(slots, a, TestModels.randomIds(9, vocab, 40));
        model.forward(slots, new int[] {a}, new int[] {3});
        float[] storage = slots.cache(a).keys(0).hostData();
        slots.release(a);

        int[] prompt = TestModels.randomIds(3, vocab, 41);
        int b = slots.acquire(4);
        assertSame(storage, slots.cache(b).keys(0).hostData(), "the slot's storage is taken again");
        KvCache alone = model.newCache(1, 4);
        TestModels.assertSameValues("prefill", model.prefill(slots, b, prompt), model.forward(alone, prompt, false));
        TestModels.assertSameValues(
                "step", model.forward(slots, new int[] {b}, new int[] {5}), model.forward(alone, new int[] {5}, false));
        assertThrows(
                IllegalArgumentException.class,
                () -> model.forward(slots, new int[] {b}, new int[] {6}),
                "full at the 4 positions it asked for, though its storage holds 12");
        slots.release(b);

        int c = slots.acquire(13);
        assertNotSame(
                storage, slots.cache(c).keys(0).hostData(), "storage too small for the next sequence is replaced");
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
        assertThrows(
                IllegalArgumentException.class,
                () -> model.forward(slots, new int[] {b}, new int[][] {{}}),
                "no tokens");
        assertThrows(
                IllegalArgumentException.class,
                () -> model.forward(slots, new int[] {b}, new int[][] {{3, 4, 5, 6}}),
                "b holds 1 of 4 positions: no room for 4 more");
        DecoderModel other = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 5);
        assertThrows(IllegalArgumentException.class, () -> other.forward(slots, new int[] {b}, new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> other.prefill(slots, b, new int[] {3}));
    }
}
