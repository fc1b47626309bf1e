package org.fedcot.privacy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.fedcot.tensor.cpu.CpuBackend;
import org.fedcot.tensor.cpu.Parallel;

/**
 * A semi-honest server's guesses of the private word behind each released word, by two attacks over the
 * mechanism's own vocabulary:
 * <ul>
 *   <li><b>nearest neighbour</b> (SanText's and InferDPT's embedding inversion): the vocabulary words closest to
 *       the released word's embedding, the released word itself first;</li>
 *   <li><b>Bayesian</b> ("On the Vulnerability of Text Sanitization"): knowing the mechanism, its eps and which
 *       words pass through unchanged, the originals x of highest posterior {@code prior(x) Pr[r | x]}, where
 *       {@code Pr[r | x]} is the mechanism's probability for a perturbed x and 1 or 0 for an x that passes
 *       through.</li>
 * </ul>
 * One pass over the vocabulary answers every distinct released word at once: the columns {@code Pr[r | .]} come
 * from each candidate original's similarity row, {@link CosineRows#MAX_BLOCK} originals per matrix product, so
 * the cost is one sweep of V x V similarities however many words were released.
 */
public final class InversionAttack {
    /** Guesses kept per released word (top-1 and top-5 are reported). */
    public static final int TOP = 5;

    private final EmbeddingTable table;
    private final Mechanism mechanism;
    private final PerturbOptions options;
    private final AttackPrior prior;

    /**
     * An attack on {@code options}' mechanism over {@code table}, with {@code prior} over its rows.
     *
     * @throws IllegalArgumentException when the prior does not cover the table
     */
    public InversionAttack(EmbeddingTable table, PerturbOptions options, AttackPrior prior) {
        if (prior.size() != table.size()) {
            throw new IllegalArgumentException(
                    "a prior over " + prior.size() + " words for a vocabulary of " + table.size());
        }
        this.table = table;
        this.options = options;
        this.mechanism = options.mechanism().create(options.epsilon(), table);
        this.prior = prior;
    }

    /**
     * The guesses of both attacks, most likely first.
     *
     * @param nearest  the released word and its nearest other rows by cosine similarity
     * @param bayesian the rows of highest posterior
     */
    public record Guesses(int[] nearest, int[] bayesian) {}

    /** The guesses for each distinct row of {@code released}; RanText's likelihoods are estimated with {@code rng}. */
    public Map<Integer, Guesses> guess(int[] released, SplittableRandom rng) {
        int[] outputs = Arrays.stream(released).distinct().toArray();
        int[][] nearest = nearest(outputs);
        int[][] bayesian = bayesian(outputs, rng);
        Map<Integer, Guesses> out = new HashMap<>();
        for (int j = 0; j < outputs.length; j++) {
            out.put(outputs[j], new Guesses(nearest[j], bayesian[j]));
        }
        return out;
    }

    private int[][] nearest(int[] outputs) {
        int v = table.size();
        float[] block = new float[CosineRows.MAX_BLOCK * v];
        CosineRows cosines = new CosineRows(table);
        int[][] best = new int[outputs.length][];
        for (int from = 0; from < outputs.length; from += CosineRows.MAX_BLOCK) {
            int count = Math.min(CosineRows.MAX_BLOCK, outputs.length - from);
            cosines.block(outputs, from, count, block);
            for (int i = 0; i < count; i++) {
                // CusText's neighbour search: the row itself first (its similarity is exactly 1), then the closest
                best[from + i] =
                        CusText.nearest(outputs[from + i], new SimilarityRow(block, i * v, v), Math.min(TOP, v));
            }
        }
        return best;
    }

    private int[][] bayesian(int[] outputs, SplittableRandom rng) {
        int v = table.size();
        TopK[] best = new TopK[outputs.length];
        for (int j = 0; j < outputs.length; j++) {
            best[j] = new TopK(Math.min(TOP, v));
        }
        int[] drawn = new int[v];
        int n = 0;
        for (int x = 0; x < v; x++) {
            if (options.perturbs(table.word(x))) {
                drawn[n++] = x;
            } else {
                passThrough(x, outputs, best);
            }
        }
        // the likeliest originals first, so that the sweep can stop once no later one can enter a top five
        int[] perturbed = IntStream.of(Arrays.copyOf(drawn, n))
                .boxed()
                .sorted(Comparator.comparingDouble((Integer x) -> -prior.probability(x))
                        .thenComparingInt(x -> x))
                .mapToInt(Integer::intValue)
                .toArray();
        double maxSelf = mechanism.maxSelfLikelihood(v);
        Candidates candidates = new Candidates(perturbed, outputs, rng);
        float[] block = new float[CosineRows.MAX_BLOCK * v];
        CosineRows cosines = new CosineRows(table);
        double[][] likelihoods = new double[CosineRows.MAX_BLOCK][];
        int[] originals = new int[CosineRows.MAX_BLOCK];
        long[] seeds = new long[CosineRows.MAX_BLOCK];
        int next = 0;
        while (next < n) {
            double floor = floor(best);
            if (prior.probability(perturbed[next]) * maxSelf <= floor) {
                break;
            }
            double[] floors = logFloors(best);
            // the next originals, in prior order, whose bound lets them into some released word's top five
            int count = 0;
            for (; next < n && count < CosineRows.MAX_BLOCK; next++) {
                if (candidates.open(next, floor, floors)) {
                    originals[count] = perturbed[next];
                    seeds[count++] = candidates.seed(next);
                }
            }
            if (count == 0) {
                break; // the sweep ran out of originals
            }
            cosines.block(originals, 0, count, block);
            Parallel.forRange(count, 4L * v, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    int x = originals[i];
                    LikelihoodColumn column = mechanism.likelihoods(
                            x, new SimilarityRow(block, i * v, v), new SplittableRandom(seeds[i]));
                    // no output is likelier than x itself: below every word's fifth guess, x cannot enter a top five
                    boolean useful = prior.probability(x) * column.of(x) > floor;
                    likelihoods[i] = useful ? column.of(outputs) : null;
                }
            });
            // each released word's guesses are its own: split the words, not the originals, across the cores
            int blockSize = count;
            Parallel.forRange(outputs.length, 2L * count, (lo, hi) -> {
                for (int j = lo; j < hi; j++) {
                    for (int i = 0; i < blockSize; i++) {
                        if (likelihoods[i] != null) {
                            int x = originals[i];
                            best[j].offer(x, prior.probability(x) * likelihoods[i][j]);
                        }
                    }
                }
            });
        }
        int[][] rows = new int[outputs.length][];
        for (int j = 0; j < outputs.length; j++) {
            rows[j] = best[j].rows();
        }
        return rows;
    }

    /** ln of the score each released word's top five lets in: minus infinity while it has room. */
    private static double[] logFloors(TopK[] best) {
        double[] floors = new double[best.length];
        for (int j = 0; j < best.length; j++) {
            floors[j] = Math.log(best[j].lowest());
        }
        return floors;
    }

    /**
     * The originals in prior order with, for each, the seed of its likelihood estimate, the mechanism's bound B on
     * its Pr[x | x] for that seed, and its cosines to the released words, made a window at a time as the sweep
     * reaches them (the bounds in parallel, the cosines as one product). An original is worth its row only when
     * {@code prior(x) B exp(g(x, r))}, g the mechanism's {@link Mechanism#logRatioBound}, a bound on its score for
     * released word r, beats r's fifth guess for some r. The product takes only the window's originals whose
     * {@code prior(x) B} beats the floor (every word's fifth guess) when the window is made: the floor only rises,
     * so the others are turned down later without their cosines (at low eps, most of them).
     */
    private final class Candidates {
        private static final int WINDOW = 256;
        /** Cosines here and in the similarity rows come from different products: a last bit may differ. */
        private static final double COSINE_SLACK = 1e-4;

        private final int[] rows;
        private final int[] outputs;
        private final SplittableRandom rng;
        private final long[] seeds;
        /** The current window's bounds on each original's column. */
        private final LikelihoodBound[] windowBounds = new LikelihoodBound[WINDOW];
        /** The released words' unit vectors, [dim, outputs]. */
        private final float[] outputColumns;
        /** The cosines of the current window's originals worth them to the released words, [WINDOW, outputs]. */
        private final float[] cosines;
        /** Per original of the current window: its row in {@link #cosines}, -1 when it has none. */
        private final int[] cosineRow = new int[WINDOW];

        private int windowStart;
        private int drawn;

        Candidates(int[] rows, int[] outputs, SplittableRandom rng) {
            this.rows = rows;
            this.outputs = outputs;
            this.rng = rng;
            this.seeds = new long[rows.length];
            int v = table.size();
            int dim = table.dim();
            float[] columns = table.unitColumns();
            outputColumns = new float[dim * outputs.length];
            for (int d = 0; d < dim; d++) {
                for (int j = 0; j < outputs.length; j++) {
                    outputColumns[d * outputs.length + j] = columns[d * v + outputs[j]];
                }
            }
            cosines = new float[WINDOW * outputs.length];
        }

        /** The seed of original {@code i}'s estimate, once {@link #open} has looked at it. */
        long seed(int i) {
            return seeds[i];
        }

        /**
         * Whether original {@code i} can enter some released word's top five, whose floors are given; the sweep
         * asks in order, with floors that never fall.
         */
        boolean open(int i, double floor, double[] logFloors) {
            reach(i, floor);
            double score = prior.probability(rows[i]) * windowBounds[i - windowStart].self();
            if (score <= floor) {
                return false;
            }
            double logPrior = Math.log(prior.probability(rows[i]));
            double logScore = Math.log(score);
            LikelihoodBound bound = windowBounds[i - windowStart];
            int base = cosineRow[i - windowStart] * outputs.length;
            for (int j = 0; j < outputs.length; j++) {
                double cosine = cosines[base + j] + COSINE_SLACK;
                // the mechanism's ratio bound first: cheaper, and never below the input's own bound
                if (logScore + mechanism.logRatioBound(rows[i], outputs[j], cosine) > logFloors[j]
                        && logPrior + bound.logAt(outputs[j], cosine) > logFloors[j]) {
                    return true;
                }
            }
            return false;
        }

        private void reach(int i, double floor) {
            if (i < drawn) {
                return;
            }
            int from = drawn;
            int count = Math.min(WINDOW, rows.length - from);
            for (int k = 0; k < count; k++) {
                seeds[from + k] = rng.nextLong();
            }
            int size = table.size();
            Parallel.forRange(count, 64L * table.dim(), (lo, hi) -> {
                for (int k = lo; k < hi; k++) {
                    windowBounds[k] =
                            mechanism.likelihoodBound(rows[from + k], size, new SplittableRandom(seeds[from + k]));
                }
            });
            int dim = table.dim();
            float[] columns = table.unitColumns();
            float[] queries = new float[count * dim];
            int worth = 0;
            for (int k = 0; k < count; k++) {
                if (prior.probability(rows[from + k]) * windowBounds[k].self() <= floor) {
                    cosineRow[k] = -1;
                    continue;
                }
                for (int d = 0; d < dim; d++) {
                    queries[worth * dim + d] = columns[d * size + rows[from + k]];
                }
                cosineRow[k] = worth++;
            }
            if (worth > 0 && outputs.length > 0) {
                int n = outputs.length;
                CpuBackend.INSTANCE.gemm(
                        false, false, worth, n, dim, queries, 0, dim, outputColumns, 0, n, cosines, 0, n, false);
            }
            windowStart = from;
            drawn = from + count;
        }
    }

    /** The lowest score a released word's top five still lets in: 0 until every word has five guesses. */
    private static double floor(TopK[] best) {
        double floor = Double.POSITIVE_INFINITY;
        for (TopK t : best) {
            floor = Math.min(floor, t.lowest());
        }
        return best.length == 0 ? Double.POSITIVE_INFINITY : floor;
    }

    /** An original that passes through unchanged can only have been released as itself. */
    private void passThrough(int x, int[] outputs, TopK[] best) {
        for (int j = 0; j < outputs.length; j++) {
            if (outputs[j] == x) {
                best[j].offer(x, prior.probability(x));
            }
        }
    }

    /** The k rows of highest score seen (ties: the row offered first, a lower row, stays ahead). */
    private static final class TopK {
        private final int[] rows;
        private final double[] scores;
        private int size;

        TopK(int k) {
            rows = new int[k];
            scores = new double[k];
        }

        void offer(int row, double score) {
            if (!(score > 0) || (size == rows.length && score <= scores[size - 1])) {
                return;
            }
            int at = Math.min(size, rows.length - 1);
            while (at > 0 && scores[at - 1] < score) {
                rows[at] = rows[at - 1];
                scores[at] = scores[at - 1];
                at--;
            }
            rows[at] = row;
            scores[at] = score;
            size = Math.min(size + 1, rows.length);
        }

        /** The score an offer must beat, 0 while there is room. */
        double lowest() {
            return size < rows.length ? 0 : scores[size - 1];
        }

        int[] rows() {
            return Arrays.copyOf(rows, size);
        }
    }
}
