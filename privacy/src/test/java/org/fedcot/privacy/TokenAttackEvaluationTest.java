package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The attacks on token-level releases: on a token set of eight words ({@link EightWordTokens}), the Bayesian recovery equals its analytic expectation, as at word level.
 */
class TokenAttackEvaluationTest {
    private static final double[] PRIOR = {0.3, 0.05, 0.2, 0.05, 0.1, 0.1, 0.15, 0.05};
    private static final int SAMPLES = 20_000;

    /** The prior by row of the token set, whatever order the set lists the words in. */
    private static double[] prior(TokenVocabulary v) {
        double[] p = new double[v.table().size()];
        for (int row = 0; row < p.length; row++) {
            p[row] = PRIOR[EightWordTokens.WORDS.indexOf(v.word(v.id(row)))];
        }
        return p;
    }

    @Test
    void bayesianRecoveryMatchesTheAnalyticExpectation() throws EmbeddingsException {
        TokenVocabulary v = EightWordTokens.vocabulary();
        double[] prior = prior(v);
        double[][] vectors = Fixtures.vectors(v.table());
        for (double eps : new double[] {1, 4}) {
            PerturbOptions options = PerturbOptions.of(MechanismKind.SANTEXT, eps);
            TokenPerturber perturber = new TokenPerturber(v, options);
            SplittableRandom rng = new SplittableRandom(7);
            List<String> originals = new ArrayList<>();
            List<String> releases = new ArrayList<>();
            for (int i = 0; i < SAMPLES; i++) {
                String text = ". " + v.word(v.id(draw(prior, rng)));
                originals.add(text);
                releases.add(perturber.perturb(text, rng).text());
            }
            AttackScore s =
                    new TokenAttackEvaluation(v, options, AttackPrior.of(prior)).score(originals, releases, rng);
            assertEquals(0, s.unaligned());
            assertEquals(SAMPLES, s.eligible(), "the word of each text; '.' holds no letter");
            double expected = expected(vectors, prior, eps);
            double sigma = Math.sqrt(expected * (1 - expected) / SAMPLES);
            assertEquals(expected, (double) s.bayesEligible().top1() / SAMPLES, 4 * sigma, "eps " + eps);
            assertTrue(s.bayesEligible().top1() >= s.nearestEligible().top1() - 4 * sigma * SAMPLES);
        }
    }

    /** Sum over outputs r of max over x of prior(x) Pr[r | x], the exact tables in double. */
    private static double expected(double[][] v, double[] prior, double eps) {
        double total = 0;
        for (int r = 0; r < v.length; r++) {
            double best = 0;
            for (int x = 0; x < v.length; x++) {
                best = Math.max(best, prior[x] * Definitions.santext(v, x, eps, SanText.COSINE_SENSITIVITY)[r]);
            }
            total += best;
        }
        return total;
    }

    private static int draw(double[] prior, SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int x = 0; x < prior.length - 1; x++) {
            u -= prior[x];
            if (u < 0) {
                return x;
            }
        }
        return prior.length - 1;
    }
}
