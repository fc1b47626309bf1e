package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Word-level perturbation: what changes, what stays exactly as it was, and the options. */
class WordPerturberTest {
    private static WordPerturber perturber(PerturbOptions options) {
        return new WordPerturber(MadeGlove.table(), options);
    }

    /** CusText at a low eps changes most words, while keeping a word's replacement among its neighbours. */
    private static PerturbOptions custext() {
        return PerturbOptions.of(MechanismKind.CUSTEXT, 0.1);
    }

    @Test
    void punctuationSpacingAndLineBreaksSurvive() {
        String text = "  Rivers, lakes\tand  (mountains)!\nWinter   ends...  ";
        String out = perturber(custext()).perturb(text, new SplittableRandom(1)).text();
        assertNotEquals(text, out);
        assertEquals(text.replaceAll("\\p{L}+", "w"), out.replaceAll("\\p{L}+", "w"));
    }

    @Test
    void replacementsTakeTheOriginalCasePattern() {
        WordPerturber p = perturber(custext());
        for (int seed = 0; seed < 20; seed++) {
            String out =
                    p.perturb("River RIVER river", new SplittableRandom(seed)).text();
            String[] w = out.split(" ");
            assertTrue(
                    Character.isUpperCase(w[0].charAt(0))
                            && w[0].substring(1).equals(w[0].substring(1).toLowerCase()),
                    out);
            assertEquals(w[1].toUpperCase(), w[1], out);
            assertEquals(w[2].toLowerCase(), w[2], out);
        }
    }

    @Test
    void stopwordsAndUnknownWordsPassThroughAndAreCounted() {
        String text = "the zzyzxq of it doesn't river";
        Perturbation p = perturber(custext()).perturb(text, new SplittableRandom(3));
        assertTrue(p.text().startsWith("the zzyzxq of it doesn't "), p.text());
        assertEquals(new PerturbationCounts(6, 1, p.counts().changed(), 0, 0, 1, 0), p.counts());
        Perturbation all = perturber(custext().withKeepStopwords(false)).perturb(text, new SplittableRandom(3));
        assertEquals(4, all.counts().perturbed()); // the, of, it, river; "zzyzxq" and "doesn't" have no vector
    }

    @Test
    void numbersFollowThePolicy() {
        String text = "In 1998, 3.5 tons and 1,000 boats.";
        SplittableRandom rng = new SplittableRandom(5);
        PerturbOptions keep = PerturbOptions.of(MechanismKind.SANTEXT, 1e6);
        assertEquals(text, perturber(keep).perturb(text, rng).text());
        for (int i = 0; i < 50; i++) {
            String inferdpt = perturber(keep.withNumbers(NumberPolicy.INFERDPT))
                    .perturb(text, rng)
                    .text();
            var m = Pattern.compile("In (\\d+), (\\d+) tons and (\\d+) boats\\.")
                    .matcher(inferdpt);
            assertTrue(m.matches(), inferdpt);
            for (int g = 1; g <= 3; g++) {
                int n = Integer.parseInt(m.group(g));
                assertTrue(n >= 1 && n <= 1000, inferdpt);
            }
            String custext = perturber(keep.withNumbers(NumberPolicy.CUSTEXT))
                    .perturb(text, rng)
                    .text();
            m = Pattern.compile("In (\\d+), (\\d+) tons and (\\d+) boats\\.").matcher(custext);
            assertTrue(m.matches(), custext);
            assertInRange(Integer.parseInt(m.group(1)), 1998);
            assertInRange(Integer.parseInt(m.group(2)), 4); // round half to even: 3.5 -> 4
            assertInRange(Integer.parseInt(m.group(3)), 1000);
        }
        for (int i = 0; i < 50; i++) {
            assertInRange(Integer.parseInt(NumberPolicy.CUSTEXT.replace("2.5", rng)), 2); // half to even, as Python
        }
        assertEquals("1.2.3", NumberPolicy.CUSTEXT.replace("1.2.3", rng)); // not a decimal: kept, as CusText does
    }

    private static void assertInRange(int value, int rounded) {
        assertTrue(value >= rounded && value <= rounded + 999, value + " for " + rounded);
    }

    @Test
    void sensitiveWordsOnlyOrAlso() {
        String text = "the doctor saw the river";
        PerturbOptions base = custext();
        Perturbation only = perturber(base.withSensitive(SensitiveWords.of(Set.of("Doctor"), SensitiveWords.Mode.ONLY)))
                .perturb(text, new SplittableRandom(2));
        assertEquals(1, only.counts().perturbed());
        assertTrue(only.text().startsWith("the ") && only.text().endsWith(" saw the river"), only.text());
        Perturbation also = perturber(base.withSensitive(SensitiveWords.of(Set.of("the"), SensitiveWords.Mode.ALSO)))
                .perturb(text, new SplittableRandom(2));
        assertEquals(5, also.counts().perturbed()); // both "the"s, a stopword, now perturbed too
        Perturbation missing = perturber(
                        base.withSensitive(SensitiveWords.of(Set.of("zzyzxq"), SensitiveWords.Mode.ALSO)))
                .perturb("zzyzxq called", new SplittableRandom(2));
        assertEquals(1, missing.counts().sensitiveUnprotected());
        assertTrue(missing.text().startsWith("zzyzxq "));
    }

    @Test
    void perturbAllIsPerturbOnEachTextInTurn() {
        List<String> texts = List.of(
                "The river floods the valley.",
                "",
                "Doctors treat patients in hospitals.",
                "A quiet evening by the lake, 42 boats.",
                "The river floods the valley.");
        for (MechanismKind kind : MechanismKind.values()) {
            PerturbOptions options = PerturbOptions.of(kind, 3).withNumbers(NumberPolicy.INFERDPT);
            SplittableRandom one = new SplittableRandom(8);
            List<String> expected = texts.stream()
                    .map(t -> perturber(options).perturb(t, one).text())
                    .toList();
            List<String> actual = perturber(options).perturbAll(texts, new SplittableRandom(8)).stream()
                    .map(Perturbation::text)
                    .toList();
            assertEquals(expected, actual, kind.label());
        }
    }

    @Test
    void explainListsEachPerturbedWordsLikelyOutputs() {
        List<Explanation> e = perturber(PerturbOptions.of(MechanismKind.CUSTEXT, 3))
                .explain("The River flows.", new SplittableRandom(1), 5);
        assertEquals(
                List.of("River", "flows"), e.stream().map(Explanation::unit).toList());
        assertEquals(CusText.K, e.getFirst().outputs());
        assertEquals("river", e.getFirst().top().getFirst().text());
        assertEquals(5, e.getFirst().top().size());
        double previous = 1;
        for (Explanation.Choice c : e.getFirst().top()) {
            assertTrue(c.probability() <= previous);
            previous = c.probability();
        }
    }
}
