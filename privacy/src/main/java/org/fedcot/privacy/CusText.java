package org.fedcot.privacy;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * CusText: the exponential mechanism over the input's {@link #K} nearest neighbours by cosine
 * similarity (the input itself included), with the utility min-max normalised inside that set,
 * {@code u'(x, r) = (cos(x, r) - min) / (max - min)} in [0, 1], so delta_u = 1 and
 * {@code Pr[r | x] ∝ exp(eps * u'(x, r) / 2)}.
 *
 * <p>Because every input has exactly k candidates and normalised utilities spanning [0, 1],
 * {@code Pr[r | x] <= e^eps Pr[r | x']} holds for every output r in both inputs' sets; an output in
 * one set only is impossible for the other input, so this is not DP across neighbourhoods (the
 * paper's Algorithm 1 shares one output set among all words of a group to get that; this is the
 * per-word top-k variant, which needs no pass over the whole vocabulary).
 */
public final class CusText implements Mechanism {
    /** Neighbours per input, as in the CusText paper's experiments. */
    public static final int K = 20;

    private final double epsilon;

    /** CusText with k = {@link #K}. */
    public CusText(double epsilon) {
        this.epsilon = Mechanism.checkEpsilon(epsilon);
    }

    @Override
    public MechanismKind kind() {
        return MechanismKind.CUSTEXT;
    }

    @Override
    public double epsilon() {
        return epsilon;
    }

    /** x's own normalised utility is 1 against at least 0 for each of its k - 1 other candidates. */
    @Override
    public double maxSelfLikelihood(int size) {
        int k = Math.min(K, size);
        return Math.exp(epsilon / 2) / (Math.exp(epsilon / 2) + k - 1);
    }

    @Override
    public OutputDistribution prepare(int input, SimilarityRow similarities) {
        int[] outputs = nearest(input, similarities, Math.min(K, similarities.size()));
        double max = similarities.get(outputs[0]);
        double min = similarities.get(outputs[outputs.length - 1]);
        double[] u = new double[outputs.length];
        for (int i = 0; i < u.length; i++) {
            // all k equally similar: any constant utility, i.e. uniform
            u[i] = max > min ? (similarities.get(outputs[i]) - min) / (max - min) : 1;
        }
        CumulativeWeights weights = CumulativeWeights.exponential(u, epsilon / 2);
        return new OutputDistribution() {
            @Override
            public int sample(SplittableRandom rng) {
                return outputs[weights.sample(rng)];
            }

            @Override
            public Distribution probabilities(SplittableRandom rng) {
                return new Distribution(outputs.clone(), weights.probabilities());
            }

            @Override
            public long bytes() {
                return 12L * outputs.length + 64;
            }
        };
    }

    /**
     * The input and its {@code k - 1} most similar other rows, most similar first (ties: lower row
     * first). One pass with a small sorted buffer: most rows fail the first comparison.
     */
    static int[] nearest(int input, SimilarityRow similarities, int k) {
        int[] best = new int[k];
        float[] bestSim = new float[k];
        best[0] = input;
        bestSim[0] = Float.POSITIVE_INFINITY; // the input stays first whatever its neighbours' rounding
        int filled = 1;
        for (int r = 0; r < similarities.size(); r++) {
            float s = similarities.get(r);
            if (r == input || (filled == k && s <= bestSim[k - 1])) {
                continue;
            }
            int at = Math.min(filled, k - 1);
            while (at > 1 && bestSim[at - 1] < s) {
                at--;
            }
            int moved = Math.min(filled, k - 1) - at;
            System.arraycopy(best, at, best, at + 1, moved);
            System.arraycopy(bestSim, at, bestSim, at + 1, moved);
            best[at] = r;
            bestSim[at] = s;
            filled = Math.min(filled + 1, k);
        }
        return filled == k ? best : Arrays.copyOf(best, filled);
    }
}
