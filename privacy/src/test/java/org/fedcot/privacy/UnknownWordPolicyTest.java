package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Words without an embedding: released, masked or replaced by an independent draw, and counted every way. */
class UnknownWordPolicyTest {
    private static final String TEXT = "Patient Qwertyuiopx has alpha";

    private static Perturbation perturb(UnknownWordPolicy policy, long seed) {
        PerturbOptions options = PerturbOptions.of(MechanismKind.SANTEXT, 1e6)
                .withUnknown(policy)
                .withKeepStopwords(false);
        return new WordPerturber(Fixtures.small(), options).perturb(TEXT, new SplittableRandom(seed));
    }

    @Test
    void keptUnknownWordsAreReleasedAndCounted() {
        Perturbation p = perturb(UnknownWordPolicy.KEEP, 1);
        assertEquals(TEXT, p.text()); // eps 1e6 returns alpha itself
        assertEquals(3, p.counts().unknown()); // patient, qwertyuiopx, has: not in the eight-word table
        assertEquals(0, p.counts().unknownReplaced());
    }

    @Test
    void aPlaceholderHidesTheWordInItsCasePattern() {
        Perturbation p = perturb(UnknownWordPolicy.PLACEHOLDER, 1);
        assertEquals("Something Something something alpha", p.text());
        assertEquals(3, p.counts().unknownReplaced());
    }

    @Test
    void randomReplacementsAreVocabularyWordsWhateverTheWord() {
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            Perturbation p = perturb(UnknownWordPolicy.RANDOM, seed);
            String[] words = p.text().split(" ");
            assertFalse(p.text().contains("Qwertyuiopx"), p.text());
            assertTrue(Fixtures.small().row(words[1].toLowerCase()) >= 0, p.text());
            assertEquals(3, p.counts().unknownReplaced());
            seen.add(words[1].toLowerCase());
        }
        assertEquals(Fixtures.small().size(), seen.size()); // uniform over the table: all eight appear in 200 draws
    }

    @Test
    void keptStopwordsAreNotUnknownWords() {
        PerturbOptions options =
                PerturbOptions.of(MechanismKind.SANTEXT, 1e6).withUnknown(UnknownWordPolicy.PLACEHOLDER);
        Perturbation p =
                new WordPerturber(Fixtures.small(), options).perturb("the Qwertyuiopx", new SplittableRandom(1));
        assertEquals("the Something", p.text());
        assertEquals(1, p.counts().unknown());
    }
}
