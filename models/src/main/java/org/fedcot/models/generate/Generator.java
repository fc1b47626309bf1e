package org.fedcot.models.generate;

import java.util.Arrays;
import java.util.function.Consumer;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.KvCache;
import org.fedcot.tensor.Tensor;

/**
 * Autoregressive generation with a KV cache: the prompt is fed in one pass, then each drawn token is
 * fed alone, attending to the cached keys and values of everything before it.
 *
 * <pre>{@code
 * Generator g = new Generator(model, ContinuationText.of(tokenizer));
 * Generation out = g.generate(tokenizer.encode("Once upon a time", true),
 *         new GenerationOptions(200, Set.of(eosId), List.of("\n\n")), new Sampler(params, seed));
 * }</pre>
 */
public final class Generator {
    private static final char REPLACEMENT = '\uFFFD';

    private final DecoderModel model;
    private final ContinuationText text;

    /** Generates with {@code model}, reading the generated tokens as text with {@code text}. */
    public Generator(DecoderModel model, ContinuationText text) {
        this.model = model;
        this.text = text;
    }

    /** Generates without streaming; see {@link #generate(int[], GenerationOptions, Sampler, Consumer)}. */
    public Generation generate(int[] prompt, GenerationOptions options, Sampler sampler) {
        return generate(prompt, options, sampler, chunk -> {
        });
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
        if (prompt.length == 0) {
            throw new IllegalArgumentException("generate: the prompt has no tokens (start it with BOS)");
        }
        int max = options.maxNewTokens();
        int vocab = model.config().vocabSize();
        if (max == 0) {
            return new Generation("", new int[0], prompt.length, StopReason.MAX_TOKENS, 0, 0);
        }
        StopStrings stops = new StopStrings(options.stopStrings());
        // the last drawn token is never fed, so the prompt and max - 1 new tokens fill the cache
        KvCache cache = model.newCache(1, prompt.length + max - 1);
        long start = System.nanoTime();
        Tensor logits = model.forward(cache, prompt, false);
        long prefilled = System.nanoTime();
        int[] ids = new int[max];
        int n = 0;
        String out = "";
        int shown = 0;
        StopReason reason = StopReason.MAX_TOKENS;
        while (true) {
            int next = sampler.sample(logits.data(), logits.offset(), vocab);
            if (options.stopIds().contains(next)) {
                reason = StopReason.STOP_TOKEN;
                break;
            }
            ids[n++] = next;
            out = text.of(prompt, Arrays.copyOf(ids, n));
            int stop = stops.firstMatch(out);
            if (stop >= 0) {
                out = out.substring(0, stop);
                reason = StopReason.STOP_STRING;
                break;
            }
            if (n == max) {
                break;
            }
            shown = show(out, settledLength(out, stops), shown, stream);
            logits = model.forward(cache, new int[]{next}, false);
        }
        show(out, out.length(), shown, stream);
        return new Generation(out, Arrays.copyOf(ids, n), prompt.length, reason, prefilled - start,
                System.nanoTime() - prefilled);
    }

    /** How much of {@code out} no later token can change or turn into a stop string. */
    private static int settledLength(String out, StopStrings stops) {
        int end = out.length() - stops.pendingSuffix(out);
        while (end > 0 && out.charAt(end - 1) == REPLACEMENT) {
            end--;
        }
        return end;
    }

    /** Streams {@code out[shown, upTo)} if non-empty; returns the new shown length. */
    private static int show(String out, int upTo, int shown, Consumer<String> stream) {
        if (upTo > shown) {
            stream.accept(out.substring(shown, upTo));
            return upTo;
        }
        return shown;
    }
}
