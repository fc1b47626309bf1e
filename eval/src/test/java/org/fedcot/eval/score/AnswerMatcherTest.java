package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fedcot.eval.data.QaExample;
import org.junit.jupiter.api.Test;

class AnswerMatcherTest {
    private static final List<String> CHOICES = List.of("bank", "library", "train station", "park", "school");

    @Test
    void statedAnswerByLetterOrText() {
        assertEquals(2, AnswerMatcher.match("People wait there. So the answer is (c) train station.", CHOICES));
        assertEquals(1, AnswerMatcher.match("Books are lent there. The answer is Library!", CHOICES));
        assertEquals(3, AnswerMatcher.match("the answer is (d)", CHOICES));
        assertEquals(
                0,
                AnswerMatcher.match(
                        "So the answer is (a) bank.\n\nQ: Where is (e) school? So the answer is (e)", CHOICES),
                "the runaway exemplar is cut");
    }

    @Test
    void wholeOutputAfterNormalisation() {
        assertEquals(2, AnswerMatcher.match(" Train-Station. ", CHOICES));
        assertEquals(4, AnswerMatcher.match("(e)", CHOICES));
        assertEquals(1, AnswerMatcher.match("B", CHOICES));
        assertEquals(-1, AnswerMatcher.match("f", CHOICES));
        assertEquals(-1, AnswerMatcher.match("a bank or a park", CHOICES));
        assertEquals(-1, AnswerMatcher.match("", CHOICES));
    }

    @Test
    void yesNoAcceptsTrueAndFalse() {
        List<String> yesNo = QaExample.YES_NO;
        assertEquals(1, AnswerMatcher.match(" yes", yesNo));
        assertEquals(0, AnswerMatcher.match("No.", yesNo));
        assertEquals(1, AnswerMatcher.match("True", yesNo));
        assertEquals(0, AnswerMatcher.match("It is not. So the answer is false.", yesNo));
        assertEquals(-1, AnswerMatcher.match("maybe", yesNo));
        assertEquals(-1, AnswerMatcher.match("true", CHOICES), "true means yes only among yes/no choices");
    }
}
