package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.hf.BpeTrainer;
import org.junit.jupiter.api.Test;

/**
 * The attacks on token-level releases: on a token set of eight words (a BPE trained here, the words' embeddings
 * those of {@link Fixtures#small()}), the Bayesian recovery equals its analytic expectation, as at word level.
 */
class TokenAttackEvaluationTest {
    private static final List<String> WORDS =
            List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel");
    private static final double[] PRIOR = {0.3, 0.05, 0.2, 0.05, 0.1, 0.1, 0.15, 0.05};
    private static final int SAMPLES = 20_000;

    /** A token vocabulary whose set is the eight words, each with the small table's vector of the same index. */
    private static TokenVocabulary vocabulary() throws EmbeddingsException {
        List<String> corpus = new ArrayList<>(Collections.nCopies(20, ". " + String.join(" ", WORDS)));
        Tokenizer tokenizer =
                new BpeTrainer(400, List.of("<|endoftext|>")).train(corpus).tokenizer();
        double[][] small = Fixtures.vectors(Fixtures.small());
        int dim = small[0].length;
        float[] embeddings = new float[tokenizer.vocabSize() * dim];
        for (int id = 0; id < tokenizer.vocabSize(); id++) {
            int w = WORDS.indexOf(tokenizer.decode(new int[] {id}).strip());
            for (int d = 0; d < dim; d++) {
                // tokens outside the eight words are outside the set anyway
                embeddings[id * dim + d] = w >= 0 ? (float) small[w][d] : 0.5f;
            }
        }
        TokenVocabulary v = TokenVocabulary.of(tokenizer, embeddings, tokenizer.vocabSize(), dim);
        assertEquals(WORDS.size(), v.table().size(), "the token set is the eight words");
        return v;
    }

    /** The prior by row of the token set, whatever order the set lists the words in. */
    private static double[] prior(TokenVocabulary v) {
        double[] p = new double[v.table().size()];
        for (int row = 0; row < p.length; row++) {
            p[row] = PRIOR[WORDS.indexOf(v.word(v.id(row)))];
        }
        return p;
    }

    @Test
    void bayesianRecoveryMatchesTheAnalyticExpectation() throws EmbeddingsException {
        TokenVocabulary v = vocabulary();
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
