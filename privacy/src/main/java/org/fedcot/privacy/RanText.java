package org.fedcot.privacy;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The reference mechanism (InferDPT's RANTEXT), per word x with embedding v:
 * <ol>
 *   <li>noisy = v + Laplace(0, 2 * delta_f[d] / eps) in each dimension d, delta_f[d] being the range
 *       of dimension d over the vocabulary ({@link EmbeddingTable#columnRanges});</li>
 *   <li>threshold s* = cos(v, noisy);</li>
 *   <li>candidates = every row r with cos(x, r) >= s* (x itself always: s* <= 1 = cos(x, x));</li>
 *   <li>draw r from the candidates with weight exp(eps / 2 * cos(x, r)) (delta_u = 1).</li>
 * </ol>
 * Given s*, the draw is the exponential mechanism over a prefix of x's neighbours, and
 * {@link Input#conditional} gives that table exactly. The unconditional distribution mixes those
 * tables over the law of s*, which has no closed form (a ratio of quadratic forms in Laplace
 * variables); {@link Input#probabilities} estimates it by averaging exact conditional tables.
 *
 * <p>No eps-DP bound holds: see {@link Guarantee#NONE_PROVEN} and privacy/README.md.
 */
public final class RanText implements Mechanism {
    /** Thresholds averaged by {@link Input#probabilities}. */
    public static final int MARGINAL_DRAWS = 1000;
    /**
     * Thresholds averaged by {@link #likelihoods}, which an attack calls for every word of the vocabulary: the
     * estimate's noise is small beside the gap between the likely and the unlikely originals.
     */
    public static final int LIKELIHOOD_DRAWS = 64;

    private final double epsilon;
    private final EmbeddingTable table;
    /** Laplace scale per dimension, 2 * delta_f[d] / eps. */
    private final double[] scales;

    /** RanText over {@code table}, whose per-dimension ranges calibrate the noise. */
    public RanText(double epsilon, EmbeddingTable table) {
        this.epsilon = Mechanism.checkEpsilon(epsilon);
        this.table = table;
        this.scales = table.columnRanges();
        for (int d = 0; d < scales.length; d++) {
            scales[d] = 2 * scales[d] / epsilon;
        }
    }

    @Override
    public MechanismKind kind() {
        return MechanismKind.RANTEXT;
    }

    @Override
    public double epsilon() {
        return epsilon;
    }

    /** The Laplace scale of each dimension, 2 * delta_f[d] / eps (a copy). */
    public double[] laplaceScales() {
        return scales.clone();
    }

    /**
     * Pr[r | x, s] = [cos(x, r) >= s] w(r) / W(s), averaged over {@link #LIKELIHOOD_DRAWS} thresholds: with the
     * thresholds sorted, an output's mean is w(r) times a prefix sum of 1 / W(s) over the thresholds it reaches,
     * found by binary search, so many outputs cost little more than one.
     */
    @Override
    public LikelihoodColumn likelihoods(int input, SimilarityRow similarities, SplittableRandom rng) {
        Input in = prepare(input, similarities);
        double[] thresholds = new double[LIKELIHOOD_DRAWS];
        for (int t = 0; t < thresholds.length; t++) {
            thresholds[t] = in.threshold(rng);
        }
        Arrays.sort(thresholds);
        // inverse[t] = sum over the thresholds t' <= t of 1 / W(s_t'), divided by the number of draws
        double[] inverse = new double[thresholds.length];
        double sum = 0;
        for (int t = 0; t < thresholds.length; t++) {
            sum += 1 / in.sampler.total(thresholds[t]) / LIKELIHOOD_DRAWS;
            inverse[t] = sum;
        }
        return outputs -> {
            double[] p = new double[outputs.length];
            for (int j = 0; j < outputs.length; j++) {
                p[j] = similarities.get(outputs[j]);
            }
            Exponentials.shiftedInPlace(p, 1, epsilon / 2);
            for (int j = 0; j < outputs.length; j++) {
                int reached = upperBound(thresholds, similarities.get(outputs[j]));
                p[j] = reached == 0 ? 0 : p[j] * inverse[reached - 1];
            }
            return p;
        };
    }

    /** How many of the sorted {@code values} are at most {@code c}. */
    private static int upperBound(double[] values, double c) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= c) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public Input prepare(int input, SimilarityRow similarities) {
        return new Input(table.vector(input), similarities, epsilon);
    }

    /** RanText prepared for one input: its embedding, and its similarity row ordered for threshold draws. */
    public final class Input implements OutputDistribution {
        private final double[] v;
        private final double norm;
        private final ThresholdSampler sampler;

        private Input(double[] v, SimilarityRow similarities, double epsilon) {
            this.v = v;
            double sum = 0;
            for (double x : v) {
                sum += x * x;
            }
            this.norm = Math.sqrt(sum);
            // exp(eps/2 * (cos - 1)): the largest candidate similarity is always x's own, 1, and
            // subtracting it keeps every weight in [0, 1] at any eps
            this.sampler = new ThresholdSampler(similarities, epsilon / 2);
        }

        /** Draws the threshold s* = cos(v, v + Laplace noise), at most 1; -1 for a zero embedding. */
        public double threshold(SplittableRandom rng) {
            if (norm == 0) {
                return -1;
            }
            double dot = 0;
            double noisyNorm = 0;
            for (int d = 0; d < v.length; d++) {
                double noisy = v[d] + Laplace.sample(rng, scales[d]);
                dot += v[d] * noisy;
                noisyNorm += noisy * noisy;
            }
            return noisyNorm == 0 ? -1 : Math.min(1, dot / (norm * Math.sqrt(noisyNorm)));
        }

        /** The exact output distribution given threshold {@code s}: over the rows with similarity >= s. */
        public Distribution conditional(double s) {
            return sampler.conditional(s);
        }

        /** One draw given threshold {@code s}. */
        public int sample(double s, SplittableRandom rng) {
            return sampler.sample(s, rng);
        }

        @Override
        public int sample(SplittableRandom rng) {
            return sample(threshold(rng), rng);
        }

        @Override
        public Distribution probabilities(SplittableRandom rng) {
            return Distribution.ofDense(sampler.meanConditional(() -> threshold(rng), MARGINAL_DRAWS));
        }

        @Override
        public long bytes() {
            return sampler.bytes() + 8L * v.length;
        }
    }
}
