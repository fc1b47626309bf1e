package org.fedcot.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedcot.eval.data.QaExample;
import org.fedcot.llm.prompt.AnswerParser;
import org.junit.jupiter.api.Test;

/**
 * The generated task checked against an independent reading of its own text: the answer worked out from the
 * question's words ("N more" adds, any other change takes away), the rationale's sums, and the choices.
 */
class WordProblemsTest {
    /** "has 5 apples." then one or two changes: "buys 3 more", "gives away 2 apples", "loses 2 of them". */
    private static final Pattern QUESTION = Pattern.compile(
            "^\\w+ has (\\d+) (\\w+)\\. (?:He|She) [a-z ]+? (\\d+)( more)?[a-z ]*?(?: and then [a-z ]+? (\\d+)( more)?[a-z ]*)?\\. "
                    + "How many \\2 does \\w+ have now\\?$");
    private static final Pattern SUM = Pattern.compile("(\\d+) ([+-]) (\\d+) = (\\d+)");

    @Test
    void everyAnswerIsWhatTheQuestionsWordsAndNumbersGive() {
        for (WordProblem p : WordProblems.generate("t", 2000, 3)) {
            QaExample e = p.example();
            Matcher m = QUESTION.matcher(e.question());
            assertTrue(m.matches(), e.question());
            int count = Integer.parseInt(m.group(1));
            count += (m.group(4) != null ? 1 : -1) * Integer.parseInt(m.group(3));
            assertTrue(count > 0, e.question());
            assertTrue(m.group(5) != null, "a task problem has two changes: " + e.question());
            count += (m.group(6) != null ? 1 : -1) * Integer.parseInt(m.group(5));
            assertTrue(count > 0, e.question());
            assertEquals(String.valueOf(count), e.answerText(), e.question());
            assertEquals(4, new HashSet<>(e.choices()).size(), e.choices().toString());
            assertTrue(e.choices().stream().allMatch(c -> Integer.parseInt(c) > 0), e.choices().toString());
            assertEquals(e.answerIndex(), AnswerParser.parse(p.rationale()).orElseThrow().choiceIndex(e.choices()).orElseThrow(),
                    p.rationale());
            sumsAreRight(p.rationale(), 2);
        }
    }

    @Test
    void theAnswerIsNotGivenAwayByItsPlaceAmongTheChoices() {
        int[] at = new int[4];
        for (WordProblem p : WordProblems.generate("t", 4000, 5)) at[p.example().answerIndex()]++;
        for (int n : at) assertTrue(Math.abs(n - 1000) < 120, "answers by position: " + java.util.Arrays.toString(at));
    }

    @Test
    void pairsShareTheirNumbersInOtherWords() {
        int reworded = 0;
        for (List<WordProblem> pair : WordProblems.oneStepPairs(500, 9)) {
            WordProblem a = pair.get(0);
            WordProblem b = pair.get(1);
            assertEquals(a.example().answerText(), b.example().answerText());
            assertEquals(numbers(a.example().question()), numbers(b.example().question()));
            assertTrue(QUESTION.matcher(a.example().question()).matches(), a.example().question());
            sumsAreRight(a.rationale(), 1);
            sumsAreRight(b.rationale(), 1);
            if (!a.example().question().equals(b.example().question())) reworded++;
        }
        assertTrue(reworded > 450, reworded + " of 500 pairs differ in their words");
    }

    @Test
    void theSameSeedGivesTheSameProblemsAndAnotherSeedOthers() {
        assertEquals(WordProblems.generate("t", 50, 1), WordProblems.generate("t", 50, 1));
        assertNotEquals(WordProblems.generate("t", 50, 1), WordProblems.generate("t", 50, 2));
    }

    /** Each "a + b = c" of a rationale is right, there are {@code steps} of them, and each starts from the last result. */
    private static void sumsAreRight(String rationale, int steps) {
        Matcher m = SUM.matcher(rationale);
        Integer last = null;
        int found = 0;
        while (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(3));
            int c = Integer.parseInt(m.group(4));
            assertEquals(m.group(2).equals("+") ? a + b : a - b, c, rationale);
            if (last != null) assertEquals(last.intValue(), a, rationale);
            last = c;
            found++;
        }
        assertEquals(steps, found, rationale);
    }

    private static List<String> numbers(String text) {
        return Pattern.compile("\\d+").matcher(text).results().map(r -> r.group()).toList();
    }
}
