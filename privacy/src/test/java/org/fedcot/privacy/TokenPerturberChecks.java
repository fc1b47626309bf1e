package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The checks of a token-level perturber that hold for any vocabulary, shared by the test over the
 * reference checkpoints and the one over checkpoints made in the test.
 */
final class TokenPerturberChecks {
    private TokenPerturberChecks() {}

    /**
     * A huge eps gives {@code text} back; eps 2 changes it, and every token outside the set passes
     * through in place. {@code text}'s word tokens must re-encode to themselves after a swap.
     */
    static void hugeEpsGivesTheTextBackAndOtherTokensNeverChange(TokenVocabulary vocab, String text) {
        TokenPerturber exact = new TokenPerturber(vocab, PerturbOptions.of(MechanismKind.RANTEXT, 1e6));
        Perturbation same = exact.perturb(text, new SplittableRandom(1));
        assertEquals(text, same.text());
        assertEquals(vocab.tokenizer().encode(text, false).length, same.counts().units());
        TokenPerturber p = new TokenPerturber(vocab, PerturbOptions.of(MechanismKind.RANTEXT, 2));
        Perturbation out = p.perturb(text, new SplittableRandom(1));
        assertNotEquals(text, out.text());
        assertTrue(out.counts().changed() > 0, out.counts().toString());
        int[] before = vocab.tokenizer().encode(text, false);
        int[] after = vocab.tokenizer().encode(out.text(), false);
        assertEquals(before.length, after.length, out.text());
        for (int i = 0; i < before.length; i++) {
            if (vocab.row(before[i]) < 0) {
                assertEquals(before[i], after[i], "token " + i + " is outside the set and must pass through");
            }
        }
    }

    /**
     * SanText's and RanText's exact tables for the input {@code token} are the definitions over the
     * vocabulary's embeddings, and SanText's draws follow its table ({@code label} names the fit).
     */
    static void exactTablesAreTheDefinitionsAndDrawsFollowThem(TokenVocabulary vocab, String token, String label) {
        EmbeddingTable t = vocab.table();
        double[][] v = Fixtures.vectors(t);
        int x = t.row(token);
        assertTrue(x >= 0);
        double[] san = new PerturbationEngine(new SanText(3), t, 1 << 20)
                .distribution(x)
                .probabilities(null)
                .dense(t.size());
        double[] expected = Definitions.santext(v, x, 3, 2);
        for (int r = 0; r < t.size(); r++) {
            assertEquals(expected[r], san[r], 1e-6 * expected[r] + 1e-12);
        }
        OutputDistribution d = new PerturbationEngine(new SanText(3), t, 1 << 20).distribution(x);
        Stats.assertFits(label, san, Stats.counts(d, t.size(), 20_000, 3));
        RanText.Input ran = (RanText.Input) new PerturbationEngine(new RanText(3, t), t, 1 << 20).distribution(x);
        double[] given = ran.conditional(0.2).dense(t.size());
        double[] definition = Definitions.rantextGiven(v, x, 0.2, 3);
        for (int r = 0; r < t.size(); r++) {
            assertEquals(definition[r], given[r], 1e-6 * definition[r] + 1e-12);
        }
    }

    /**
     * A token perturber opened from a checkpoint directory perturbs exactly the four long words of a
     * sentence and keeps its first word and final full stop.
     */
    static void perturbsTheFourLongWords(TextPerturber p) {
        TokenVocabulary vocab = ((TokenPerturber) p).vocabulary();
        String text = "The doctor walked along the river.";
        long inSet = Arrays.stream(vocab.tokenizer().encode(text, false))
                .filter(id -> vocab.row(id) >= 0)
                .count();
        assertEquals(4, inSet); // doctor, walked, along, river; not The, the, "."
        Perturbation out = p.perturb(text, new SplittableRandom(4));
        assertEquals(4, out.counts().perturbed(), out.text());
        assertTrue(out.text().startsWith("The ") && out.text().endsWith("."), out.text());
    }
}
