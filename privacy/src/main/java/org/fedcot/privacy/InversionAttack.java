package org.fedcot.privacy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
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
        float[] block = new float[CosineRows.MAX_BLOCK * v];
        CosineRows cosines = new CosineRows(table);
        double[][] likelihoods = new double[CosineRows.MAX_BLOCK][];
        long[] seeds = new long[CosineRows.MAX_BLOCK];
        for (int from = 0; from < n; from += CosineRows.MAX_BLOCK) {
            int count = Math.min(CosineRows.MAX_BLOCK, n - from);
            cosines.block(perturbed, from, count, block);
            for (int i = 0; i < count; i++) {
                seeds[i] = rng.nextLong();
            }
            double floor = floor(best);
            if (prior.probability(perturbed[from]) * maxSelf <= floor) {
                break;
            }
            int start = from;
            Parallel.forRange(count, 4L * v, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    int x = perturbed[start + i];
                    LikelihoodColumn column = mechanism.likelihoods(
                            x, new SimilarityRow(block, i * v, v), new SplittableRandom(seeds[i]));
                    // no output is likelier than x itself: below every word's fifth guess, x cannot enter a top five
                    boolean useful = prior.probability(x) * column.of(x) > floor;
                    likelihoods[i] = useful ? column.of(outputs) : null;
                }
            });
            // each released word's guesses are its own: split the words, not the originals, across the cores
            Parallel.forRange(outputs.length, 2L * count, (lo, hi) -> {
                for (int j = lo; j < hi; j++) {
                    for (int i = 0; i < count; i++) {
                        if (likelihoods[i] != null) {
                            int x = perturbed[start + i];
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
