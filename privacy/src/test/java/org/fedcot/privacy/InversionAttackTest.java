package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Bayesian attack against its analytic expectation on a vocabulary small enough to enumerate, and both
 * attacks at the limits of eps.
 */
class InversionAttackTest {
    /** A prior that is far from uniform, so the posterior's prior term matters. */
    private static final double[] PRIOR = {0.3, 0.05, 0.2, 0.05, 0.1, 0.1, 0.15, 0.05};

    private static final int SAMPLES = 20_000;

    /** Originals drawn from the prior, each released once as a one-word text; the attack's score. */
    private static AttackScore attack(double eps, long seed) {
        EmbeddingTable table = Fixtures.small();
        PerturbOptions options = PerturbOptions.of(MechanismKind.SANTEXT, eps);
        WordPerturber perturber = new WordPerturber(table, options);
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> originals = new ArrayList<>();
        List<String> releases = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            String word = table.word(draw(rng));
            originals.add(word);
            releases.add(perturber.perturb(word, rng).text());
        }
        return new AttackEvaluation(table, options, AttackPrior.of(PRIOR)).score(originals, releases, rng);
    }

    private static int draw(SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int x = 0; x < PRIOR.length - 1; x++) {
            u -= PRIOR[x];
            if (u < 0) {
                return x;
            }
        }
        return PRIOR.length - 1;
    }

    /** Sum over originals x and outputs r of prior(x) Pr[r | x] [argmax_x' prior(x') Pr[r | x'] = x], in double. */
    private static double expectedBayesRecovery(double eps) {
        double[][] v = Fixtures.vectors(Fixtures.small());
        int n = v.length;
        double[][] table = new double[n][];
        for (int x = 0; x < n; x++) {
            table[x] = Definitions.santext(v, x, eps, SanText.COSINE_SENSITIVITY);
        }
        double expected = 0;
        for (int r = 0; r < n; r++) {
            int guess = 0;
            for (int x = 1; x < n; x++) {
                if (PRIOR[x] * table[x][r] > PRIOR[guess] * table[guess][r]) {
                    guess = x;
                }
            }
            expected += PRIOR[guess] * table[guess][r];
        }
        return expected;
    }

    private static void assertRate(double expected, long hits, String what) {
        double sigma = Math.sqrt(expected * (1 - expected) / SAMPLES);
        assertEquals(expected, (double) hits / SAMPLES, 4 * sigma + 1e-12, what);
    }

    @Test
    void bayesianRecoveryMatchesTheAnalyticExpectation() {
        for (double eps : new double[] {1, 4, 10}) {
            AttackScore s = attack(eps, 7);
            assertEquals(SAMPLES, s.units());
            assertRate(expectedBayesRecovery(eps), s.bayesEligible().top1(), "eps " + eps);
            assertTrue(s.bayesEligible().top1() >= s.nearestEligible().top1() - 4 * Math.sqrt(SAMPLES), "eps " + eps);
        }
    }

    @Test
    void atHugeEpsEveryAttackRecoversEverything() {
        AttackScore s = attack(1e6, 3);
        assertEquals(SAMPLES, s.nearestAll().top1());
        assertEquals(SAMPLES, s.bayesAll().top1());
        assertEquals(SAMPLES, s.bayesEligible().top5());
    }

    @Test
    void asEpsVanishesTheBayesianAttackFallsToThePriorsBestGuess() {
        AttackScore s = attack(1e-9, 5);
        assertRate(0.3, s.bayesAll().top1(), "the prior's most likely word, alpha, is right 30% of the time");
        assertRate(0.3 + 0.2 + 0.15 + 0.1 + 0.1, s.bayesAll().top5(), "the prior's five most likely words");
        assertRate(1.0 / PRIOR.length, s.nearestAll().top1(), "a uniform output is the original 1 time in 8");
    }

    @Test
    void unitsThatDoNotPairAreLeftOutAndCounted() {
        EmbeddingTable table = Fixtures.small();
        PerturbOptions options = PerturbOptions.of(MechanismKind.SANTEXT, 3);
        AttackScore s = new AttackEvaluation(table, options, AttackPrior.zipf(table))
                .score(List.of("alpha beta", "in 12"), List.of("alpha", "in 12"), new SplittableRandom(1));
        assertEquals(1, s.unaligned());
        assertEquals(2, s.units());
        assertEquals(1, s.eligible()); // the number; "in" is a stopword the defaults keep
        assertEquals(2, s.passedThrough());
        assertEquals(2, s.bayesAll().top1()); // what passed through is recovered as itself
    }
}
