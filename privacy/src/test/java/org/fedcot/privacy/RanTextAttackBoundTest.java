package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The bounds by which the Bayesian attack skips RanText originals without their similarity rows, and that the
 * skipping (by that bound and by each mechanism's bound on Pr[r | x] / Pr[x | x]) changes no guess.
 */
class RanTextAttackBoundTest {
    private static SimilarityRow row(EmbeddingTable table, int x) {
        float[] block = new float[CosineRows.MAX_BLOCK * table.size()];
        new CosineRows(table).block(new int[] {x}, 0, 1, block);
        return new SimilarityRow(block, 0, table.size());
    }

    @Test
    void boundIsAtLeastEveryLikelihoodOfItsInput() {
        EmbeddingTable table = MadeGlove.table();
        int[] all = IntStream.range(0, table.size()).toArray();
        for (double eps : new double[] {0.5, 3, 10, 60}) {
            RanText m = new RanText(eps, table);
            double smallest = 1;
            for (int x = 0; x < table.size(); x += 97) {
                LikelihoodBound b = m.likelihoodBound(x, table.size(), new SplittableRandom(x));
                double bound = b.self();
                SimilarityRow similarities = row(table, x);
                double[] column =
                        m.likelihoods(x, similarities, new SplittableRandom(x)).of(all);
                double largest = Arrays.stream(column).max().orElseThrow();
                assertTrue(bound >= largest, "eps " + eps + " x " + x + ": " + bound + " < " + largest);
                for (int r = 0; r < all.length; r++) {
                    double logAt = b.logAt(r, similarities.get(r));
                    assertTrue(Math.log(column[r]) <= logAt, "eps " + eps + " x " + x + " r " + r);
                }
                smallest = Math.min(smallest, bound);
            }
            // a bound of 1 would let nothing be skipped; at eps 60 the input is nearly always released as itself
            assertTrue(eps > 10 || smallest < 0.5, "eps " + eps + ": smallest bound " + smallest);
        }
    }

    @Test
    void skippingOriginalsChangesNoGuess() {
        for (MechanismKind kind : new MechanismKind[] {MechanismKind.RANTEXT, MechanismKind.SANTEXT_EUCLIDEAN}) {
            for (double eps : new double[] {1, 10}) {
                skippingChangesNoGuess(kind, eps);
            }
        }
    }

    private static void skippingChangesNoGuess(MechanismKind kind, double eps) {
        EmbeddingTable table = MadeGlove.table();
        AttackPrior prior = AttackPrior.zipf(table);
        PerturbOptions options = PerturbOptions.of(kind, eps).withKeepStopwords(false);
        Mechanism m = kind.create(eps, table);
        SplittableRandom draws = new SplittableRandom(3);
        int[] released = IntStream.range(0, 40)
                .map(i -> m.prepare(i * 7, row(table, i * 7)).sample(draws))
                .distinct()
                .toArray();
        Map<Integer, InversionAttack.Guesses> guesses =
                new InversionAttack(table, options, prior).guess(released, new SplittableRandom(11));
        int[][] expected = everyOriginal(table, m, prior, released, new SplittableRandom(11));
        for (int j = 0; j < released.length; j++) {
            assertArrayEquals(expected[j], guesses.get(released[j]).bayesian(), kind + " eps " + eps + " r " + j);
        }
    }

    /**
     * The five originals of highest prior x likelihood for each output, over every original: each original's
     * estimate seeded as the attack seeds it (one seed per original, in prior order), none skipped.
     */
    private static int[][] everyOriginal(
            EmbeddingTable table, Mechanism m, AttackPrior prior, int[] outputs, SplittableRandom rng) {
        Integer[] order = IntStream.range(0, table.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer x) -> -prior.probability(x)));
        double[][] score = new double[outputs.length][table.size()];
        for (int x : order) {
            double[] p = m.likelihoods(x, row(table, x), new SplittableRandom(rng.nextLong()))
                    .of(outputs);
            for (int j = 0; j < outputs.length; j++) {
                score[j][x] = prior.probability(x) * p[j];
            }
        }
        int[][] best = new int[outputs.length][];
        for (int j = 0; j < outputs.length; j++) {
            double[] s = score[j];
            best[j] = Arrays.stream(order)
                    .filter(x -> s[x] > 0)
                    .sorted(Comparator.comparingDouble((Integer x) -> -s[x]))
                    .limit(InversionAttack.TOP)
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        return best;
    }
}
