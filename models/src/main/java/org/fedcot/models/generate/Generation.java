package org.fedcot.models.generate;

/**
 * What a generation produced.
 *
 * @param text          the generated text, without the prompt, cut before a stop string that ended it
 * @param ids           every generated token, those that spelled a stop string included, a stop token not
 * @param promptTokens  number of prompt tokens fed before generating
 * @param stopReason    why it ended
 * @param prefillNanos  time to feed the prompt and get the first logits
 * @param decodeNanos   time from then to the end: drawing, feeding each new token, detokenizing
 */
public record Generation(
        String text, int[] ids, int promptTokens, StopReason stopReason, long prefillNanos, long decodeNanos) {
    /** Copies ids. */
    public Generation {
        ids = ids.clone();
    }

    /** A copy of the generated tokens. */
    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** Number of generated tokens. */
    public int newTokens() {
        return ids.length;
    }

    /** Generated tokens per second of the whole generation, prompt processing included. */
    public double tokensPerSecond() {
        long nanos = prefillNanos + decodeNanos;
        return nanos == 0 ? 0 : ids.length * 1e9 / nanos;
    }
}
