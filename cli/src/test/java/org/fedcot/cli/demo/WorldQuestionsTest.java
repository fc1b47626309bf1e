package org.fedcot.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fedcot.eval.data.QaExample;
import org.fedcot.llm.prompt.AnswerParser;
import org.junit.jupiter.api.Test;

/**
 * The world's questions checked against an independent reading of their own text: a rationale names the kind
 * of the question's creature, the kind's value is the gold choice, and every creature keeps one kind throughout.
 */
class WorldQuestionsTest {
    private static final Pattern RATIONALE = Pattern.compile(
            "^A (\\w+) is a kind of (\\w+)\\. \\w+ [a-z ]+ (\\w+)\\. Therefore, the answer is '(\\w+)'\\.$");

    @Test
    void everyCreatureHasOneKindAndEveryAnswerIsItsKindsValue() {
        Map<String, String> kindOf = new HashMap<>();
        Map<String, String> answerOf = new HashMap<>();
        List<WorldQuestion> all = WorldQuestions.shuffled(3);
        assertEquals(WorldQuestions.count(), all.size());
        for (WorldQuestion q : all) {
            QaExample e = q.example();
            Matcher m = RATIONALE.matcher(q.rationale());
            assertTrue(m.matches(), q.rationale());
            assertTrue(
                    e.question().contains(" " + m.group(1) + "?")
                            || e.question().contains(" " + m.group(1) + " "),
                    e.question() + " / " + q.rationale());
            assertEquals(kindOf.computeIfAbsent(m.group(1), k -> m.group(2)), m.group(2), "one kind per creature");
            // the same kind and question words always give the same answer
            String key = m.group(2) + "|" + e.question().replace(m.group(1), "_");
            assertEquals(answerOf.computeIfAbsent(key, k -> e.answerText()), e.answerText(), key);
            assertEquals(m.group(3), m.group(4), q.rationale());
            assertEquals(e.answerText(), m.group(4));
            assertEquals(
                    e.answerIndex(),
                    AnswerParser.parse(q.rationale())
                            .orElseThrow()
                            .choiceIndex(e.choices())
                            .orElseThrow(),
                    q.rationale());
            assertEquals(4, new HashSet<>(e.choices()).size(), e.choices().toString());
        }
        assertEquals(World.creatures().size(), kindOf.size());
        assertEquals(World.kinds(), new HashSet<>(kindOf.values()).size());
    }

    @Test
    void everyQuestionIsAskedOnceAndNoTestQuestionIsATrainingQuestion() {
        DemoTask task = new DemoTask(300, 1000, 5);
        Set<String> train = new HashSet<>();
        task.train().forEach(e -> assertTrue(train.add(e.question()), e.question()));
        for (QaExample e : task.test()) {
            assertTrue(!train.contains(e.question()), e.question());
        }
        assertEquals(1000, task.test().size());
    }

    @Test
    void theAnswerIsNotGivenAwayByItsPlaceAmongTheChoices() {
        int[] at = new int[4];
        for (WorldQuestion q : WorldQuestions.lessons(3, 7)) {
            at[q.example().answerIndex()]++;
        }
        int each = WorldQuestions.count() * 3 / 4;
        for (int n : at) {
            assertTrue(Math.abs(n - each) < each / 10, "answers by position: " + java.util.Arrays.toString(at));
        }
    }

    @Test
    void aRewriteIsTheShownRationaleWithTheAskedCreaturesName() {
        int renamed = 0;
        for (WorldQuestions.Rewrite r : WorldQuestions.rewrites(500, 9)) {
            Matcher shown = RATIONALE.matcher(r.shown().rationale());
            Matcher asked = RATIONALE.matcher(r.asked().rationale());
            assertTrue(shown.matches() && asked.matches(), r.toString());
            assertEquals(
                    r.shown().rationale().replace("A " + shown.group(1) + " ", "A " + asked.group(1) + " "),
                    r.asked().rationale());
            assertEquals(
                    r.shown().example().question().replace(shown.group(1), asked.group(1)),
                    r.asked().example().question());
            assertEquals(r.shown().example().choices(), r.asked().example().choices());
            if (!shown.group(1).equals(asked.group(1))) {
                renamed++;
            }
        }
        assertTrue(renamed > 400, renamed + " of 500 rewrites change the name");
    }

    @Test
    void theSameSeedGivesTheSameQuestionsAndAnotherSeedOthers() {
        assertEquals(WorldQuestions.shuffled(1), WorldQuestions.shuffled(1));
        assertNotEquals(WorldQuestions.shuffled(1), WorldQuestions.shuffled(2));
    }
}
