package org.fedcot.models.generate;

import java.util.function.Consumer;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.SlotCache;
import org.fedcot.tensor.Tensor;

/**
 * Autoregressive generation with a KV cache: the prompt is fed in one pass, then each drawn token is
 * fed alone, attending to the cached keys and values of everything before it. To decode many
 * sequences at once, see {@link BatchGenerator}, which multiplies packed copies of the weights and so
 * agrees with this to rounding. Decodes through a one-slot {@link SlotCache}, kept for the next call:
 * not thread-safe.
 *
 * <pre>{@code
 * Generator g = new Generator(model, ContinuationText.of(tokenizer));
 * Generation out = g.generate(tokenizer.encode("Once upon a time", true),
 *         new GenerationOptions(200, Set.of(eosId), List.of("\n\n")), new Sampler(params, seed));
 * }</pre>
 */
public final class Generator {
    private final DecoderModel model;
    private final ContinuationText text;
    /** Made on first use. */
    private SlotCache cache;

    /** Generates with {@code model}, reading the generated tokens as text with {@code text}. */
    public Generator(DecoderModel model, ContinuationText text) {
        this.model = model;
        this.text = text;
    }

    /** Generates without streaming; see {@link #generate(int[], GenerationOptions, Sampler, Consumer)}. */
    public Generation generate(int[] prompt, GenerationOptions options, Sampler sampler) {
        return generate(prompt, options, sampler, chunk -> {});
    }

    /**
     * Continues {@code prompt} until {@code options.maxNewTokens()} tokens, a stop token, or a stop
     * string. {@code stream} receives the text as it becomes final; its chunks concatenate to the
     * result's text. Text that might still turn out to begin a stop string, or an incomplete UTF-8
     * character (U+FFFD at the end), is held back until the next tokens settle it.
     *
     * @throws IllegalArgumentException if the prompt is empty or holds an id outside the vocabulary
     */
    public Generation generate(int[] prompt, GenerationOptions options, Sampler sampler, Consumer<String> stream) {
        Decoding seq = new Decoding(
                prompt, options, sampler, text, stream, model.config().vocabSize());
        if (seq.empty()) {
            return seq.generation(0, 0);
        }
        if (cache == null) {
            cache = model.newSlotCache(1);
        }
        int[] slot = {cache.acquire(seq.capacity())};
        try {
            long start = System.nanoTime();
            Tensor logits = model.prefill(cache, slot[0], seq.prompt());
            long prefilled = System.nanoTime();
            while (seq.advance(logits, 0)) {
                logits = model.forward(cache, slot, new int[] {seq.lastToken()});
            }
            return seq.generation(prefilled - start, System.nanoTime() - prefilled);
        } finally {
            cache.release(slot[0]);
        }
    }
}
