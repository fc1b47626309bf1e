package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * CusText: the top-k table equals the definition, draws follow it, and what it guarantees holds
 * exactly: the e^eps ratio for every output two inputs share, and nothing for outputs they do not.
 */
class CusTextTest {
    private static final double EPS = 3;

    private static double[] table(PerturbationEngine engine, int x) {
        return engine.distribution(x).probabilities(null).dense(engine.table().size());
    }

    @Test
    void theTopKTableIsTheDefinition() {
        assertTopKTable(Fixtures.glove(), "river", "doctor", "blue", "seven");
    }

    @Test
    void theTopKTableIsTheDefinitionOnAMadeTable() {
        assertTopKTable(MadeGlove.table(), "river", "doctor", "seven", "xaaa");
    }

    private static void assertTopKTable(EmbeddingTable t, String... words) {
        double[][] v = Fixtures.vectors(t);
        PerturbationEngine engine = new PerturbationEngine(new CusText(EPS), t, 1 << 20);
        for (String word : words) {
            int x = t.row(word);
            double[] expected = Definitions.custext(v, x, EPS, CusText.K);
            double[] actual = table(engine, x);
            assertEquals(CusText.K, Arrays.stream(actual).filter(p -> p > 0).count(), word);
            for (int r = 0; r < t.size(); r++) {
                assertEquals(expected[r], actual[r], 1e-5 * expected[r] + 1e-12, word + " -> " + t.word(r));
            }
        }
    }

    @Test
    void drawsFollowTheExactTable() {
        assertDrawsFollowTheTable("glove", Fixtures.glove());
    }

    @Test
    void drawsFollowTheExactTableOnAMadeTable() {
        assertDrawsFollowTheTable("made", MadeGlove.table());
    }

    private static void assertDrawsFollowTheTable(String name, EmbeddingTable t) {
        PerturbationEngine engine = new PerturbationEngine(new CusText(EPS), t, 1 << 20);
        for (String word : new String[] {"river", "doctor"}) {
            OutputDistribution d = engine.distribution(t.row(word));
            Stats.assertFits(
                    "custext " + name + " " + word,
                    d.probabilities(null).dense(t.size()),
                    Stats.counts(d, t.size(), 20_000, word.hashCode()));
        }
    }

    @Test
    void sharedOutputsObeyTheRatioBoundAndOthersHaveNone() {
        EmbeddingTable t = Fixtures.glove();
        PerturbationEngine engine = new PerturbationEngine(new CusText(EPS), t, 1 << 20);
        String[] words = {"river", "lake", "stream", "valley", "creek", "doctor", "nurse", "hospital"};
        int shared = 0;
        int exclusive = 0;
        for (String a : words) {
            for (String b : words) {
                double[] pa = table(engine, Fixtures.row(a));
                double[] pb = table(engine, Fixtures.row(b));
                for (int r = 0; r < t.size(); r++) {
                    if (pa[r] > 0 && pb[r] > 0) {
                        shared++;
                        assertTrue(pa[r] <= Math.exp(EPS) * pb[r] * (1 + 1e-9), a + "/" + b + " -> " + t.word(r));
                    } else if (pa[r] > 0) {
                        exclusive++; // possible from a, impossible from b: an infinite ratio, no DP across sets
                    }
                }
            }
        }
        assertTrue(shared > 100 && exclusive > 100, shared + " shared, " + exclusive + " exclusive");
    }

    @Test
    void theRatioBoundIsTightNotLoose() {
        // the bound is reached up to a factor of a few: eps is what CusText spends inside a neighbourhood
        EmbeddingTable t = Fixtures.glove();
        PerturbationEngine engine = new PerturbationEngine(new CusText(EPS), t, 1 << 20);
        double[] river = table(engine, Fixtures.row("river"));
        double[] lake = table(engine, Fixtures.row("lake"));
        double worst = 0;
        for (int r = 0; r < t.size(); r++) {
            if (river[r] > 0 && lake[r] > 0) {
                worst = Math.max(worst, Math.abs(Math.log(river[r] / lake[r])));
            }
        }
        assertTrue(worst > EPS / 4 && worst <= EPS, "largest log ratio " + worst);
    }

    @Test
    void nearestKeepsTheInputFirstAndBreaksTiesByRow() {
        float[] sims = {0.5f, 1f, 0.9f, 0.9f, -0.2f, 0.95f};
        assertArrayEquals(new int[] {1, 5, 2, 3}, CusText.nearest(1, SimilarityRow.of(sims), 4));
        assertArrayEquals(new int[] {4, 1, 5}, CusText.nearest(4, SimilarityRow.of(sims), 3));
        assertArrayEquals(new int[] {0, 1, 5, 2, 3, 4}, CusText.nearest(0, SimilarityRow.of(sims), 20));
    }
}
