package org.fedcot.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generation on a tiny random model: KV-cache decoding, max tokens, stop tokens, stop strings, streaming. */
class GeneratorTest {
    private static final int[] PROMPT = {3, 14, 15, 9, 2, 6};
    private static final CharTokenizer CHARS = new CharTokenizer();

    private static DecoderModel model(ModelType type) {
        return DecoderModel.random(TestModels.tiny(type, false), 11);
    }

    private static Generation greedy(DecoderModel model, GenerationOptions options, StringBuilder stream) {
        return new Generator(model, ContinuationText.of(CHARS))
                .generate(PROMPT, options, Sampler.greedy(), stream::append);
    }

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void greedyDecodingWithTheCacheIsTheArgmaxOfTheFullForward(ModelType type) {
        DecoderModel model = model(type);
        Generation g = greedy(model, GenerationOptions.of(12, Set.of()), new StringBuilder());
        assertEquals(12, g.newTokens());
        assertEquals(StopReason.MAX_TOKENS, g.stopReason());
        int[] seq = Arrays.copyOf(PROMPT, PROMPT.length + 12);
        for (int i = 0; i < 12; i++) {
            int n = PROMPT.length + i;
            Tensor logits;
            try (NoGrad ignored = NoGrad.enter()) {
                logits = model.logits(Arrays.copyOf(seq, n), 1, n);
            }
            int V = model.config().vocabSize();
            seq[n] = Logits.argmax(logits.hostData(), logits.offset() + (n - 1) * V, V);
        }
        assertArrayEquals(Arrays.copyOfRange(seq, PROMPT.length, seq.length), g.ids());
        assertEquals(CHARS.decode(g.ids()), g.text());
        assertEquals(PROMPT.length, g.promptTokens());
    }

    @Test
    void aStopTokenEndsGenerationAndIsNotKept() {
        DecoderModel model = model(ModelType.LLAMA);
        int[] free = greedy(model, GenerationOptions.of(10, Set.of()), new StringBuilder())
                .ids();
        int k = 1; // the first token that did not occur before, so the stop comes exactly there
        while (k < free.length && contains(Arrays.copyOf(free, k), free[k])) {
            k++;
        }
        k = k == free.length ? 0 : k;
        Generation g = greedy(model, GenerationOptions.of(10, Set.of(free[k])), new StringBuilder());
        assertEquals(StopReason.STOP_TOKEN, g.stopReason());
        assertArrayEquals(Arrays.copyOf(free, k), g.ids());
        assertEquals(CHARS.decode(Arrays.copyOf(free, k)), g.text());
    }

    @Test
    void aStopStringCutsTheTextAndStopsAtTheTokenCompletingIt() {
        DecoderModel model = model(ModelType.QWEN2);
        String free = greedy(model, GenerationOptions.of(20, Set.of()), new StringBuilder())
                .text();
        String stop = free.substring(6, 8);
        int at = free.indexOf(stop);
        StringBuilder streamed = new StringBuilder();
        Generation g = greedy(model, new GenerationOptions(20, Set.of(), List.of("never appears", stop)), streamed);
        assertEquals(StopReason.STOP_STRING, g.stopReason());
        assertEquals(free.substring(0, at), g.text());
        assertEquals(
                at + stop.length(), g.newTokens(), "one char per token: stops at the token completing the stop string");
        assertEquals(
                g.text(), streamed.toString(), "streamed chunks concatenate to the text, the stop string never shown");
    }

    @Test
    void streamingHoldsBackWhatMightBecomeAStopString() {
        DecoderModel model = model(ModelType.GPT_NEOX);
        String free = greedy(model, GenerationOptions.of(16, Set.of()), new StringBuilder())
                .text();
        // a stop string that starts like the text's end but never completes: held back, then shown at the end
        String tricky = free.substring(free.length() - 2) + "#";
        StringBuilder streamed = new StringBuilder();
        Generation g = greedy(model, new GenerationOptions(16, Set.of(), List.of(tricky)), streamed);
        assertEquals(free, g.text());
        assertEquals(free, streamed.toString());
    }

    @Test
    void streamingHoldsBackAnUnfinishedCharacter() {
        // a decoder that shows every odd-length run's last token as U+FFFD, as a character still missing bytes
        ContinuationText halfDone = (prompt, gen) -> {
            String s = CHARS.decode(gen);
            return gen.length % 2 == 1 ? s.substring(0, s.length() - 1) + "\uFFFD" : s;
        };
        List<String> chunks = new java.util.ArrayList<>();
        Generation g = new Generator(model(ModelType.LLAMA), halfDone)
                .generate(PROMPT, GenerationOptions.of(9, Set.of()), Sampler.greedy(), chunks::add);
        assertTrue(chunks.stream().limit(chunks.size() - 1).noneMatch(c -> c.contains("\uFFFD")), chunks.toString());
        assertEquals(g.text(), String.join("", chunks));
        assertTrue(g.text().endsWith("\uFFFD"), "the end of the generation shows what is left");
    }

    @Test
    void sampledGenerationIsReproducibleFromItsSeed() {
        DecoderModel model = model(ModelType.LLAMA);
        Generator gen = new Generator(model, ContinuationText.of(CHARS));
        SamplingParams params = new SamplingParams(1.0, 0, 0.95);
        GenerationOptions opts = GenerationOptions.of(30, Set.of());
        int[] a = gen.generate(PROMPT, opts, new Sampler(params, 5)).ids();
        assertArrayEquals(a, gen.generate(PROMPT, opts, new Sampler(params, 5)).ids());
        assertNotEquals(
                Arrays.toString(a),
                Arrays.toString(
                        gen.generate(PROMPT, opts, new Sampler(params, 6)).ids()));
    }

    @Test
    void edgeCases() {
        Generator gen = new Generator(model(ModelType.LLAMA), ContinuationText.of(CHARS));
        Generation none = gen.generate(PROMPT, GenerationOptions.of(0, Set.of()), Sampler.greedy());
        assertEquals(0, none.newTokens());
        assertEquals("", none.text());
        Generation one = gen.generate(PROMPT, GenerationOptions.of(1, Set.of()), Sampler.greedy());
        assertEquals(1, one.newTokens());
        assertTrue(one.tokensPerSecond() > 0);
        assertThrows(
                IllegalArgumentException.class,
                () -> gen.generate(new int[0], GenerationOptions.of(3, Set.of()), Sampler.greedy()));
        assertThrows(IllegalArgumentException.class, () -> new GenerationOptions(3, Set.of(), List.of("")));
        assertThrows(IllegalArgumentException.class, () -> GenerationOptions.of(-1, Set.of()));
    }

    private static boolean contains(int[] a, int v) {
        return Arrays.stream(a).anyMatch(x -> x == v);
    }
}
