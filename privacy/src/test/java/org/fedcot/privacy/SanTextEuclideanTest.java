package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The published SanText against its definition, its metric-DP bound, and the columns an attacker reads. */
class SanTextEuclideanTest {
    private static SimilarityRow row(EmbeddingTable table, int x) {
        float[] block = new float[CosineRows.MAX_BLOCK * table.size()];
        new CosineRows(table).block(new int[] {x}, 0, 1, block);
        return new SimilarityRow(block, 0, table.size());
    }

    private static double[] table(EmbeddingTable t, double eps, int x) {
        return new SanTextEuclidean(eps, t)
                .prepare(x, row(t, x))
                .probabilities(new SplittableRandom(1))
                .dense(t.size());
    }

    @Test
    void tablesEqualTheDefinitionOnTheRawVectors() {
        for (EmbeddingTable t : new EmbeddingTable[] {Fixtures.small(), MadeGlove.table()}) {
            double[][] v = Fixtures.vectors(t);
            for (double eps : new double[] {0.5, 3, 10}) {
                for (int x = 0; x < t.size(); x += Math.max(1, t.size() / 40)) {
                    double[] expected = Definitions.santextEuclidean(v, x, eps);
                    double[] actual = table(t, eps, x);
                    // distances come from float cosines: a relative 1e-7 in d is eps d / 2 * 1e-7 in the weight
                    for (int r = 0; r < t.size(); r++) {
                        assertEquals(expected[r], actual[r], 2e-5 * expected[r] + 1e-12, "eps " + eps + " x " + x);
                    }
                }
            }
        }
    }

    @Test
    void ratiosAreBoundedByEpsTimesTheDistanceAndNotByEpsAlone() {
        EmbeddingTable t = Fixtures.small();
        double[][] v = Fixtures.vectors(t);
        double eps = 2;
        double worst = 0;
        for (int x = 0; x < t.size(); x++) {
            double[] px = table(t, eps, x);
            for (int y = 0; y < t.size(); y++) {
                double[] py = table(t, eps, y);
                double d = Definitions.distance(v[x], v[y]);
                for (int r = 0; r < t.size(); r++) {
                    assertTrue(px[r] <= Math.exp(eps * d) * py[r] * (1 + 1e-6), x + " " + y + " " + r);
                    worst = Math.max(worst, Math.log(px[r] / py[r]));
                }
            }
        }
        // the words lie up to about 2 apart: eps alone does not bound the ratio
        assertTrue(worst > eps, "largest log ratio " + worst);
    }

    @Test
    void likelihoodColumnsAreTheTables() {
        EmbeddingTable t = Fixtures.small();
        int[] all = IntStream.range(0, t.size()).toArray();
        SanTextEuclidean m = new SanTextEuclidean(2.5, t);
        for (int x = 0; x < t.size(); x++) {
            double[] column =
                    m.likelihoods(x, row(t, x), new SplittableRandom(1)).of(all);
            double[] table = table(t, 2.5, x);
            for (int r = 0; r < t.size(); r++) {
                assertEquals(table[r], column[r], 1e-12, "x " + x + " r " + r);
                assertTrue(Math.log(column[r] / column[x])
                        <= m.logRatioBound(x, r, row(t, x).get(r)) + 1e-9);
            }
        }
    }

    @Test
    void nameAndGuarantee() {
        assertEquals(MechanismKind.SANTEXT_EUCLIDEAN, MechanismKind.parse("santext-euclidean"));
        assertEquals(Guarantee.METRIC_DP, MechanismKind.SANTEXT_EUCLIDEAN.guarantee());
    }
}
