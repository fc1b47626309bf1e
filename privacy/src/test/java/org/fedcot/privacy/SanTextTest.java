package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * SanText: its exact table equals the definition, its draws follow the table, and the DP
 * inequality holds on exact tables for every pair of inputs when delta_u is at least the utility's
 * true sensitivity (and fails when it is not, so the check has teeth).
 */
class SanTextTest {
    /** |code - definition| allowed: similarities are float dot products of unit vectors (~1e-7). */
    private static void assertClose(double[] expected, double[] actual) {
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r], actual[r], 1e-6 * expected[r] + 1e-12, "row " + r);
        }
    }

    private static double[] table(EmbeddingTable t, SanText mechanism, int x) {
        return new PerturbationEngine(mechanism, t, 1 << 20)
                .distribution(x)
                .probabilities(null)
                .dense(t.size());
    }

    /** max over x, x', r of |cos(x, r) - cos(x', r)| = 1 - the smallest cosine (cos(r, r) = 1 is the largest). */
    private static double trueSensitivity(double[][] v) {
        double min = 1;
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                min = Math.min(min, a == b ? 1 : Definitions.cos(v[a], v[b]));
            }
        }
        return 1 - min;
    }

    @Test
    void theExactTableIsTheDefinitionOnEveryInputOfASmallTable() {
        EmbeddingTable t = Fixtures.small();
        double[][] v = Fixtures.vectors(t);
        for (double eps : new double[] {0.5, 3, 40}) {
            for (int x = 0; x < t.size(); x++) {
                assertClose(Definitions.santext(v, x, eps, 2), table(t, new SanText(eps), x));
            }
        }
    }

    @Test
    void theExactTableIsTheDefinitionOverTheWholeGloveVocabulary() {
        assertExactTables(Fixtures.glove(), "river", "doctor", "blue");
    }

    @Test
    void theExactTableIsTheDefinitionOverAWholeMadeVocabulary() {
        assertExactTables(MadeGlove.table(), "river", "doctor", "xaaa");
    }

    private static void assertExactTables(EmbeddingTable t, String... words) {
        double[][] v = Fixtures.vectors(t);
        for (String word : words) {
            int x = t.row(word);
            assertClose(Definitions.santext(v, x, 3, 2), table(t, new SanText(3), x));
        }
    }

    @Test
    void drawsFollowTheExactTable() {
        EmbeddingTable small = Fixtures.small();
        PerturbationEngine engine = new PerturbationEngine(new SanText(4), small, 1 << 20);
        for (int x : new int[] {0, 4, 7}) {
            OutputDistribution d = engine.distribution(x);
            Stats.assertFits(
                    "santext small x=" + x,
                    d.probabilities(null).dense(small.size()),
                    Stats.counts(d, small.size(), 20_000, 11 + x));
        }
        EmbeddingTable made = MadeGlove.table();
        OutputDistribution river =
                new PerturbationEngine(new SanText(60), made, 1 << 24).distribution(MadeGlove.row("river"));
        Stats.assertFits(
                "santext made river eps=60",
                river.probabilities(null).dense(made.size()),
                Stats.counts(river, made.size(), 20_000, 5));
    }

    @Test
    void drawsFollowTheExactTableOnGlove() {
        EmbeddingTable glove = Fixtures.glove();
        OutputDistribution river =
                new PerturbationEngine(new SanText(60), glove, 1 << 24).distribution(Fixtures.row("river"));
        Stats.assertFits(
                "santext glove river eps=60",
                river.probabilities(null).dense(glove.size()),
                Stats.counts(river, glove.size(), 20_000, 5));
    }

    @Test
    void theDpInequalityHoldsForEveryPairAndOutputWithTheTrueSensitivity() {
        EmbeddingTable t = Fixtures.small();
        double[][] v = Fixtures.vectors(t);
        double sensitivity = trueSensitivity(v);
        assertTrue(sensitivity > 1.5 && sensitivity <= 2, "the small table spans most of the cosine's range");
        for (double deltaU : new double[] {sensitivity, SanText.COSINE_SENSITIVITY}) {
            for (double eps : new double[] {0.1, 1, 3, 10}) {
                double worst = worstLogRatio(t, new SanText(eps, deltaU));
                assertTrue(worst <= eps * (1 + 1e-9), "eps " + eps + ", delta_u " + deltaU + ": log ratio " + worst);
            }
        }
    }

    @Test
    void anUnderstatedSensitivityBreaksTheInequality() {
        EmbeddingTable t = Fixtures.small();
        double worst = worstLogRatio(t, new SanText(3, 1));
        assertTrue(worst > 3, "delta_u = 1 < the true sensitivity should exceed eps somewhere: " + worst);
    }

    @Test
    void theDpInequalityHoldsBetweenGloveWords() {
        assertDpBetween(Fixtures.glove(), "river", "bank", "doctor", "paris", "seven", "happy");
    }

    @Test
    void theDpInequalityHoldsBetweenWordsOfAMadeTable() {
        assertDpBetween(MadeGlove.table(), "river", "lake", "doctor", "paris", "seven", "xaaa");
    }

    private static void assertDpBetween(EmbeddingTable t, String... words) {
        double eps = 3;
        PerturbationEngine engine = new PerturbationEngine(new SanText(eps), t, 1 << 26);
        double[][] p = new double[words.length][];
        for (int i = 0; i < words.length; i++) {
            p[i] = engine.distribution(t.row(words[i])).probabilities(null).dense(t.size());
        }
        for (double[] a : p) {
            for (double[] b : p) {
                for (int r = 0; r < t.size(); r++) {
                    assertTrue(a[r] <= Math.exp(eps) * b[r] * (1 + 1e-9), "output " + t.word(r));
                }
            }
        }
    }

    /** max over inputs x, x' and outputs r of ln(Pr[r | x] / Pr[r | x']), on exact tables. */
    private static double worstLogRatio(EmbeddingTable t, SanText mechanism) {
        double[][] p = new double[t.size()][];
        for (int x = 0; x < t.size(); x++) {
            p[x] = table(t, mechanism, x);
        }
        double worst = 0;
        for (double[] a : p) {
            for (double[] b : p) {
                for (int r = 0; r < t.size(); r++) {
                    worst = Math.max(worst, Math.log(a[r] / b[r]));
                }
            }
        }
        return worst;
    }
}
