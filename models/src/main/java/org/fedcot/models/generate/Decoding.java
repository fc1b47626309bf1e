package org.fedcot.models.generate;

import java.util.Arrays;
import java.util.function.Consumer;
import org.fedcot.tensor.Tensor;

/**
 * One sequence's side of generation, whoever runs the model: draws each token from the logits it is
 * given, applies the stop token, stop string and token limit rules, and streams the text as it
 * settles. {@link Generator} and {@link BatchGenerator} both drive it, so a sequence behaves the same
 * alone and in a batch.
 */
final class Decoding {
    private static final char REPLACEMENT = '\uFFFD';

    private final int[] prompt;
    private final GenerationOptions options;
    private final Sampler sampler;
    private final Consumer<String> stream;
    private final StopStrings stops;
    private final ContinuationText.Reader text;
    private final int[] ids;
    private int n;
    private String out = "";
    private int shown;
    private StopReason reason = StopReason.MAX_TOKENS;

    /**
     * @throws IllegalArgumentException if the prompt is empty or holds an id outside [0, vocab)
     */
    Decoding(
            int[] prompt,
            GenerationOptions options,
            Sampler sampler,
            ContinuationText text,
            Consumer<String> stream,
            int vocab) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("generate: the prompt has no tokens (start it with BOS)");
        }
        for (int id : prompt) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException(
                        "generate: prompt token " + id + " is outside the vocabulary of " + vocab);
            }
        }
        this.prompt = prompt.clone();
        this.options = options;
        this.sampler = sampler;
        this.text = text.reader(this.prompt);
        this.stream = stream;
        this.stops = new StopStrings(options.stopStrings());
        this.ids = new int[options.maxNewTokens()];
    }

    /** The prompt (a copy taken at construction; not to be changed). */
    int[] prompt() {
        return prompt;
    }

    /** Cache positions the sequence needs: the prompt and every drawn token but the last, which is never fed. */
    int capacity() {
        return prompt.length + Math.max(0, ids.length - 1);
    }

    /** Whether the options allow no token at all: the result is empty without running the model. */
    boolean empty() {
        return ids.length == 0;
    }

    /**
     * Draws the next token from the logits row {@code row} of [rows, vocab] {@code logits} and applies
     * the stop rules. Returns true when the sequence goes on: {@link #lastToken()} is then to be fed.
     * When it returns false the sequence has ended and its remaining text has been streamed.
     */
    boolean advance(Tensor logits, int row) {
        return accept(draw(logits, row));
    }

    /**
     * The next token drawn from row {@code row} of [rows, vocab] {@code logits} by this sequence's
     * sampler, nothing else touched: the rows of one step may be drawn on different threads, each
     * sequence's on one, before each is {@link #accept}ed.
     */
    int draw(Tensor logits, int row) {
        int vocab = logits.dim(logits.rank() - 1);
        return sampler.sample(logits.hostData(), logits.offset() + row * vocab, vocab);
    }

    /** Applies the stop rules to the drawn token {@code next}; returns as {@link #advance}. */
    boolean accept(int next) {
        if (options.stopIds().contains(next)) {
            reason = StopReason.STOP_TOKEN;
            return finish();
        }
        ids[n++] = next;
        out = text.add(next);
        // the shown text is settled and held no stop string, so a new one ends after it
        int stop = stops.firstMatch(out, Math.max(0, shown - stops.longest() + 1));
        if (stop >= 0) {
            out = out.substring(0, stop);
            reason = StopReason.STOP_STRING;
            return finish();
        }
        if (n == ids.length) {
            return finish();
        }
        show(settledLength());
        return true;
    }

    /** The token drawn last. */
    int lastToken() {
        return ids[n - 1];
    }

    /** The result once {@link #advance} returned false (or at once when {@link #empty()}). */
    Generation generation(long prefillNanos, long decodeNanos) {
        return new Generation(out, Arrays.copyOf(ids, n), prompt.length, reason, prefillNanos, decodeNanos);
    }

    private boolean finish() {
        show(out.length());
        return false;
    }

    /** How much of the text no later token can change or turn into a stop string. */
    private int settledLength() {
        int end = out.length() - stops.pendingSuffix(out);
        while (end > 0 && out.charAt(end - 1) == REPLACEMENT) {
            end--;
        }
        return end;
    }

    /** Streams {@code out[shown, upTo)} if non-empty. */
    private void show(int upTo) {
        if (upTo > shown) {
            stream.accept(out.substring(shown, upTo));
            shown = upTo;
        }
    }
}
