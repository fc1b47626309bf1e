package org.fedcot.models.train;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fedcot.tensor.ops.CrossEntropy;

/**
 * Examples packed into a [rows, seqLen] window for {@code DecoderModel.loss}: each row is prompt then
 * target, right-padded. Labels are the target tokens at their positions and -100 on the prompt and
 * the padding, so only target tokens are scored; since attention is causal, a real token never sees
 * the padding after it, and padding changes no real position's logits.
 *
 * @param ids          [rows * seqLen] input tokens, padding {@link #PAD_ID}
 * @param labels       aligned with ids (the model shifts them): target tokens, else -100
 * @param labelWeights aligned with labels: each target token's weight, 0 elsewhere
 * @param rows         examples in the window
 * @param seqLen       the longest example rounded up to the padding multiple
 * @param weightSum    sum of the target tokens' weights, in double
 * @param tokens       real (non-padding) tokens in the window
 */
record Batch(int[] ids, int[] labels, float[] labelWeights, int rows, int seqLen, double weightSum, long tokens) {
    /** Id written into padding positions; any valid id does, since padding is never attended to or scored. */
    static final int PAD_ID = 0;

    /**
     * Packs {@code examples}, each target token weighing {@code tokenWeights.get(task)}, padded to a
     * multiple of {@code padMultiple} so that few distinct shapes recur (each shape keeps its own
     * pooled activations).
     */
    static Batch pack(List<Example> examples, Map<String, Double> tokenWeights, int padMultiple) {
        int rows = examples.size();
        int longest = examples.stream().mapToInt(Example::length).max().orElseThrow();
        int seqLen = (longest + padMultiple - 1) / padMultiple * padMultiple;
        int[] ids = new int[rows * seqLen];
        int[] labels = new int[rows * seqLen];
        float[] weights = new float[rows * seqLen];
        Arrays.fill(ids, PAD_ID);
        Arrays.fill(labels, CrossEntropy.IGNORE_INDEX);
        double weightSum = 0;
        long tokens = 0;
        for (int r = 0; r < rows; r++) {
            Example e = examples.get(r);
            int base = r * seqLen;
            float w = tokenWeights.get(e.task()).floatValue();
            for (int i = 0; i < e.length(); i++) {
                ids[base + i] = e.token(i);
            }
            for (int i = e.promptLength(); i < e.length(); i++) {
                labels[base + i] = e.token(i);
                weights[base + i] = w;
                weightSum += w;
            }
            tokens += e.length();
        }
        return new Batch(ids, labels, weights, rows, seqLen, weightSum, tokens);
    }
}
