package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The columns an attacker reads, Pr[r | x], against each mechanism's own output tables. */
class MechanismLikelihoodsTest {
    private static final EmbeddingTable TABLE = Fixtures.small();
    private static final int[] ALL = IntStream.range(0, TABLE.size()).toArray();

    private static SimilarityRow row(int x) {
        float[] block = new float[CosineRows.MAX_BLOCK * TABLE.size()];
        new CosineRows(TABLE).block(new int[] {x}, 0, 1, block);
        return new SimilarityRow(block, 0, TABLE.size());
    }

    @Test
    void sanTextAndCusTextGiveTheirExactTables() {
        for (MechanismKind kind : new MechanismKind[] {MechanismKind.SANTEXT, MechanismKind.CUSTEXT}) {
            Mechanism m = kind.create(2.5, TABLE);
            for (int x = 0; x < TABLE.size(); x++) {
                double[] likelihoods =
                        m.likelihoods(x, row(x), new SplittableRandom(1)).of(ALL);
                double[] table = m.prepare(x, row(x))
                        .probabilities(new SplittableRandom(1))
                        .dense(TABLE.size());
                for (int r = 0; r < TABLE.size(); r++) {
                    assertEquals(table[r], likelihoods[r], 1e-12, kind + " x " + x + " r " + r);
                }
            }
        }
    }

    @Test
    void ranTextAveragesItsExactConditionalTablesOverTheSameThresholds() {
        RanText m = new RanText(3, TABLE);
        for (int x = 0; x < TABLE.size(); x++) {
            double[] likelihoods =
                    m.likelihoods(x, row(x), new SplittableRandom(x)).of(ALL);
            RanText.Input in = m.prepare(x, row(x));
            double[] same = m.likelihoodThresholds(x, new SplittableRandom(x));
            double[] mean = new double[TABLE.size()];
            for (int t = 0; t < RanText.LIKELIHOOD_DRAWS; t++) {
                double[] p = in.conditional(same[t]).dense(TABLE.size());
                for (int r = 0; r < mean.length; r++) {
                    mean[r] += p[r] / RanText.LIKELIHOOD_DRAWS;
                }
            }
            for (int r = 0; r < TABLE.size(); r++) {
                assertEquals(mean[r], likelihoods[r], 1e-9, "x " + x + " r " + r);
            }
        }
    }
}
