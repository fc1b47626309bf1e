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

    /** Similarities weighed at once while a likelihood column sums its normalisers. */
    private static final int LIKELIHOOD_CHUNK = 4096;
    /**
     * Slack on {@link #likelihoodBound}: the bound and the estimate sum the same weights in different
     * orders, so the last bits may differ where the bound is tight.
     */
    private static final double BOUND_SLACK = 1 + 1e-9;

    /**
     * The {@link #LIKELIHOOD_DRAWS} thresholds, sorted, {@link #likelihoods} averages over for input {@code input}, drawn
     * from {@code rng} (by {@link Laplace#sampleFast}: the same law as the mechanism's draws).
     */
    double[] likelihoodThresholds(int input, SplittableRandom rng) {
        double[] v = table.vector(input);
        double norm = norm(v);
        double[] s = new double[LIKELIHOOD_DRAWS];
        for (int t = 0; t < s.length; t++) {
            s[t] = threshold(v, norm, rng, Laplace::sampleFast);
        }
        Arrays.sort(s);
        return s;
    }

    /**
     * Pr[r | x, s] = [cos(x, r) >= s] w(r) / W(s), averaged over {@link #LIKELIHOOD_DRAWS} thresholds: one pass
     * over x's row adds each row's weight to the count of thresholds it reaches, which gives every W(s); an
     * output's mean is then w(r) times a prefix sum of 1 / W(s) over the thresholds it reaches, so many outputs
     * cost little more than one.
     */
    @Override
    public LikelihoodColumn likelihoods(int input, SimilarityRow similarities, SplittableRandom rng) {
        SortedThresholds thresholds = new SortedThresholds(likelihoodThresholds(input, rng));
        int n = thresholds.size();
        double scale = epsilon / 2;
        // reaching[m] = the weight of the rows at or above exactly m thresholds (the lowest m); a row below the
        // lowest threshold is never a candidate, and at large eps most rows are, so only the others are weighed
        double[] reaching = new double[n + 1];
        double lowest = thresholds.get(0);
        float[] kept = new float[Math.min(similarities.size(), LIKELIHOOD_CHUNK)];
        double[] weights = new double[kept.length];
        int count = 0;
        for (int r = 0; r < similarities.size(); r++) {
            float c = similarities.get(r);
            if (c >= lowest) {
                kept[count] = c;
                weights[count++] = c;
            }
            if (count == kept.length || (r == similarities.size() - 1 && count > 0)) {
                Exponentials.shiftedInPlace(weights, count, 1, scale);
                for (int i = 0; i < count; i++) {
                    reaching[thresholds.reached(kept[i])] += weights[i];
                }
                count = 0;
            }
        }
        // W(s_t) = the weight of the rows reaching more than t thresholds; x itself (cos 1) reaches them all
        double[] normaliser = new double[n];
        double above = 0;
        for (int t = n - 1; t >= 0; t--) {
            above += reaching[t + 1];
            normaliser[t] = above;
        }
        // inverse[t] = sum over the thresholds t' <= t of 1 / W(s_t'), divided by the number of draws
        double[] inverse = new double[n];
        double sum = 0;
        for (int t = 0; t < n; t++) {
            sum += 1 / normaliser[t] / LIKELIHOOD_DRAWS;
            inverse[t] = sum;
        }
        return outputs -> {
            double[] p = new double[outputs.length];
            for (int j = 0; j < outputs.length; j++) {
                p[j] = similarities.get(outputs[j]);
            }
            Exponentials.shiftedInPlace(p, 1, scale);
            for (int j = 0; j < outputs.length; j++) {
                int reached = thresholds.reached(similarities.get(outputs[j]));
                p[j] = reached == 0 ? 0 : p[j] * inverse[reached - 1];
            }
            return p;
        };
    }

    /**
     * The same mean over the same thresholds with W(s) bounded from below by x's similarity counts
     * ({@link SimilarityCounts}, made once per table), at the cost of the threshold draws alone: Pr[x | x] is at
     * most the mean of 1 / W_low(s), and Pr[r | x] at most exp(eps / 2 (cos - 1)) times the part of that mean over
     * the thresholds cos(x, r) reaches.
     */
    @Override
    public LikelihoodBound likelihoodBound(int input, int size, SplittableRandom rng) {
        double[] values = likelihoodThresholds(input, rng);
        double[] normaliser = table.similarityCounts().normaliserBounds(input, epsilon / 2);
        int n = values.length;
        // logPrefix[t] = ln of the sum over the thresholds t' <= t of 1 / W_low(s_t'), over the number of draws
        double[] logPrefix = new double[n];
        double sum = 0;
        for (int t = 0; t < n; t++) {
            sum += 1 / normaliser[SimilarityCounts.bucket(values[t])] / LIKELIHOOD_DRAWS;
            logPrefix[t] = Math.log(sum * BOUND_SLACK);
        }
        double self = Math.min(1, sum * BOUND_SLACK);
        return new LikelihoodBound() {
            @Override
            public double self() {
                return self;
            }

            @Override
            public double logAt(int output, double cosine) {
                int reached = upperBound(values, cosine);
                return reached == 0
                        ? Double.NEGATIVE_INFINITY
                        : epsilon / 2 * (Math.min(cosine, 1) - 1) + logPrefix[reached - 1];
            }
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

    /** Given any threshold, Pr[r | x, s] / Pr[x | x, s] is exp(eps / 2 * (cos(x, r) - 1)) or 0; so is the mean. */
    @Override
    public double logRatioBound(int input, int output, double cosine) {
        return epsilon / 2 * (Math.min(cosine, 1) - 1);
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    /** s* = cos(v, v + Laplace noise) with the noise drawn by {@code laplace}, at most 1; -1 for a zero vector. */
    private double threshold(double[] v, double norm, SplittableRandom rng, Laplace.Draw laplace) {
        if (norm == 0) {
            return -1;
        }
        double dot = 0;
        double noisyNorm = 0;
        for (int d = 0; d < v.length; d++) {
            double noisy = v[d] + laplace.sample(rng, scales[d]);
            dot += v[d] * noisy;
            noisyNorm += noisy * noisy;
        }
        return noisyNorm == 0 ? -1 : Math.min(1, dot / (norm * Math.sqrt(noisyNorm)));
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
            this.norm = norm(v);
            // exp(eps/2 * (cos - 1)): the largest candidate similarity is always x's own, 1, and
            // subtracting it keeps every weight in [0, 1] at any eps
            this.sampler = new ThresholdSampler(similarities, epsilon / 2);
        }

        /** Draws the threshold s* = cos(v, v + Laplace noise), at most 1; -1 for a zero embedding. */
        public double threshold(SplittableRandom rng) {
            return RanText.this.threshold(v, norm, rng, Laplace::sample);
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
