package org.fedcot.models.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from a row of logits according to {@link SamplingParams}: the argmax at
 * temperature 0, else a draw from the softmax of {@code logits / temperature} restricted by top-k and
 * top-p and renormalised. Draws come from a {@link SplittableRandom} seeded at construction, one
 * {@code nextDouble()} per token, so a seed reproduces a generation exactly. Not thread-safe (the
 * random stream is shared state); use one sampler per generation.
 */
public final class Sampler {
    private final SamplingParams params;
    private final SplittableRandom random;

    /** A sampler with {@code params} whose draws are seeded by {@code seed}. */
    public Sampler(SamplingParams params, long seed) {
        this.params = params;
        this.random = new SplittableRandom(seed);
    }

    /** A sampler that always picks the most likely token. */
    public static Sampler greedy() {
        return new Sampler(SamplingParams.greedy(), 0);
    }

    /** The parameters this sampler applies. */
    public SamplingParams params() {
        return params;
    }

    /** A token id in {@code [0, n)} for the logits {@code logits[offset, offset + n)}. */
    public int sample(float[] logits, int offset, int n) {
        requireRow(logits, offset, n);
        if (params.isGreedy()) {
            return Logits.argmax(logits, offset, n);
        }
        Support s = support(logits, offset, n);
        double u = random.nextDouble();
        double cdf = 0;
        for (int i = 0; i < s.ids.length; i++) {
            cdf += s.probs[i];
            if (u < cdf) {
                return s.ids[i];
            }
        }
        return s.ids[s.ids.length - 1]; // u landed in the rounding gap of the last few ulps
    }

    /**
     * The distribution {@link #sample} draws from: a probability for each of the n ids, zero outside
     * the tokens top-k and top-p keep, summing to 1 (one-hot at the argmax when greedy). Draws nothing.
     */
    public double[] probabilities(float[] logits, int offset, int n) {
        requireRow(logits, offset, n);
        double[] p = new double[n];
        if (params.isGreedy()) {
            p[Logits.argmax(logits, offset, n)] = 1;
            return p;
        }
        Support s = support(logits, offset, n);
        for (int i = 0; i < s.ids.length; i++) {
            p[s.ids[i]] = s.probs[i];
        }
        return p;
    }

    /** The kept ids, most probable first when top-k or top-p sorted them, with their renormalised probabilities. */
    private record Support(int[] ids, double[] probs) {}

    private Support support(float[] logits, int off, int n) {
        double invT = 1 / params.temperature();
        float max = Logits.max(logits, off, n);
        double[] weight = new double[n]; // exp((l - max) / T): the unnormalised softmax, at most 1, never overflowing
        double total = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = Math.exp(((double) logits[off + i] - max) * invT);
            total += weight[i];
        }
        boolean topK = params.topK() > 0 && params.topK() < n;
        boolean topP = params.topP() < 1;
        if (!topK && !topP) {
            int[] ids = new int[n];
            Arrays.setAll(ids, i -> i);
            return normalised(ids, weight, total);
        }
        int[] sorted = sortedCandidates(logits, off, n, weight, total, topK);
        int count = sorted.length;
        if (topK) {
            // Hugging Face keeps every logit >= the k-th largest, so ties at the threshold all stay
            float kth = logits[off + sorted[params.topK() - 1]];
            count = params.topK();
            while (count < sorted.length && logits[off + sorted[count]] >= kth) {
                count++;
            }
        }
        // the nucleus is measured against the whole distribution top-k left, tokens dropped before sorting included
        double kept = total;
        if (topK) {
            kept = 0;
            for (int i = 0; i < count; i++) {
                kept += weight[sorted[i]];
            }
        }
        if (topP) {
            double limit = params.topP() * kept;
            double above = 0;
            int i = 0;
            while (i < count && above < limit) {
                above += weight[sorted[i++]];
            }
            count = i;
            kept = above;
        }
        double[] w = new double[count];
        for (int i = 0; i < count; i++) {
            w[i] = weight[sorted[i]];
        }
        return normalised(Arrays.copyOf(sorted, count), w, kept);
    }

    /**
     * Candidate ids by descending logit (lower id first on ties). Without top-k, tokens below
     * {@code (1 - topP) / n} of the mass are dropped before sorting, as llama2.c does: a token inside
     * the nucleus has at least 1 - topP of the mass at or below it, spread over at most n tokens, so
     * its own probability is at least (1 - topP) / n. The slack guards that bound against rounding.
     */
    private int[] sortedCandidates(float[] logits, int off, int n, double[] weight, double total, boolean topK) {
        double cutoff = topK ? 0 : 0.999 * (1 - params.topP()) / n * total;
        long[] keys = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (weight[i] >= cutoff) {
                int bits = Float.floatToRawIntBits(logits[off + i]);
                bits ^= (bits >> 31) & 0x7FFFFFFF; // float order as signed int order
                keys[m++] = ((long) bits << 32) | (~i & 0xFFFFFFFFL); // low half: larger for lower ids
            }
        }
        Arrays.sort(keys, 0, m);
        int[] ids = new int[m];
        for (int j = 0; j < m; j++) {
            ids[j] = ~(int) keys[m - 1 - j];
        }
        return ids;
    }

    /** {@code weights[i]} belongs to {@code ids[i]}. */
    private static Support normalised(int[] ids, double[] weights, double total) {
        double[] probs = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            probs[i] = weights[i] / total;
        }
        return new Support(ids, probs);
    }

    private static void requireRow(float[] logits, int offset, int n) {
        if (n <= 0 || offset < 0 || offset + n > logits.length) {
            throw new IllegalArgumentException(
                    "sampler: " + n + " logits at offset " + offset + " do not fit an array of " + logits.length);
        }
    }
}
