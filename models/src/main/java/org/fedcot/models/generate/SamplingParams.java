package org.fedcot.models.generate;

/**
 * How a {@link Sampler} turns logits into a token, with Hugging Face's meaning for each knob. They
 * apply in Hugging Face's order: temperature, then top-k, then top-p.
 *
 * @param temperature logits are divided by it before the softmax; 0 means greedy (argmax)
 * @param topK        keep only the tokens whose logit is at least the k-th largest (ties at the
 *                    threshold are all kept, as Hugging Face does); 0 turns it off
 * @param topP        nucleus sampling: keep the most probable tokens, in order, while the probability
 *                    of the tokens before each one is below topP (so the smallest set reaching topP,
 *                    crossing token included); 1 turns it off
 */
public record SamplingParams(double temperature, int topK, double topP) {
    /** Checks the ranges: temperature finite and >= 0, topK >= 0, topP in (0, 1]. */
    public SamplingParams {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0 (0 = off), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1] (1 = off), got " + topP);
        }
    }

    /** Always the most likely token. */
    public static SamplingParams greedy() {
        return new SamplingParams(0, 0, 1);
    }

    /** Whether these parameters pick the argmax instead of drawing. */
    public boolean isGreedy() {
        return temperature == 0;
    }
}
