package org.fedcot.eval.rationale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fedcot.eval.data.QaExample;
import org.fedcot.llm.prompt.StatedAnswer;
import org.junit.jupiter.api.Test;

class RationaleJudgeTest {

    private static final QaExample MATH = new QaExample(
            "m",
            "What is this an example of?",
            null,
            List.of("park", "coloring book", "garden center", "math problem", "gravity"),
            3);

    private static Verdict verdict(QaExample e, String text) {
        return RationaleJudge.judge(e, text).verdict();
    }

    @Test
    void goldByLetterAndText() {
        Rationale r = RationaleJudge.judge(MATH, "Only math problem fits. So the answer is (d) math problem.");
        assertTrue(r.kept());
        assertEquals("m", r.exampleId());
        assertEquals(new StatedAnswer("d", "math problem"), r.stated());
    }

    @Test
    void goldByLetterWhenTheTextIsMisspelt() {
        assertEquals(Verdict.KEPT, verdict(MATH, "So the answer is (d) maths problems."));
    }

    @Test
    void goldByTextWithoutALetter() {
        assertEquals(Verdict.KEPT, verdict(MATH, "Therefore, the answer is Math Problem."));
    }

    @Test
    void aRepeatedChoiceUnderAnotherLetterIsGold() {
        QaExample bum = new QaExample(
                "b",
                "Where does he live?",
                null,
                List.of("bus depot", "beach", "train station", "bridge", "bridge"),
                3);
        assertEquals(Verdict.KEPT, verdict(bum, "So the answer is (e) bridge."));
    }

    @Test
    void wrongAnswer() {
        assertEquals(Verdict.WRONG_ANSWER, verdict(MATH, "So the answer is (a) park."));
        assertEquals(Verdict.WRONG_ANSWER, verdict(MATH, "So the answer is gravity."));
    }

    @Test
    void hedgesAreDropped() {
        assertEquals(Verdict.SEVERAL_OPTIONS, verdict(MATH, "So the answer is (d) math problem or (e) gravity."));
        assertEquals(Verdict.SEVERAL_OPTIONS, verdict(MATH, "So the answer is either (d) math problem or (a) park."));
    }

    @Test
    void statementsThatNameNoChoice() {
        assertEquals(Verdict.NOT_A_CHOICE, verdict(MATH, "So the answer is one of these four."));
        assertEquals(Verdict.NOT_A_CHOICE, verdict(MATH, "So the answer is (h) a riddle."));
        Rationale none = RationaleJudge.judge(MATH, "I cannot tell.");
        assertEquals(Verdict.NO_STATEMENT, none.verdict());
        assertNull(none.stated());
        assertFalse(none.kept());
    }

    @Test
    void teacherFormatsCutToTheFirstRationale() {
        String palm =
                "Only math problem fits. So the answer is (d) math problem.\n\nQ: What is a horse?\nA: So the answer is (a) park.";
        assertEquals(
                "Only math problem fits. So the answer is (d) math problem.", TeacherFormat.PALM.firstRationale(palm));
        String tinyLlm = "Sun makes plants grow. Thus, the answer is (d) plants\n\nQ: The sun is responsible for\n"
                + "(d) plants llama rationale: Let's think step by step. So the answer is (a) puppies.";
        assertEquals(
                "Sun makes plants grow. Thus, the answer is (d) plants", TeacherFormat.TINYLLM.firstRationale(tinyLlm));
        assertEquals(
                "Sun makes plants grow. Thus, the answer is (d) plants",
                TeacherFormat.TINYLLM.firstRationale(
                        "Sun makes plants grow. Thus, the answer is (d) plants llama rationale: (a)."));
    }

    @Test
    void summaryCountsByVerdict() {
        List<Rationale> rs = List.of(
                RationaleJudge.judge(MATH, "So the answer is (d) math problem."),
                RationaleJudge.judge(MATH, "So the answer is (a) park."),
                RationaleJudge.judge(MATH, "So the answer is (b) coloring book."),
                RationaleJudge.judge(MATH, "Hmm."));
        RationaleSummary s = RationaleSummary.of(rs);
        assertEquals(4, s.total());
        assertEquals(1, s.kept());
        assertEquals(2, s.dropped().get(Verdict.WRONG_ANSWER));
        assertEquals(1, s.dropped().get(Verdict.NO_STATEMENT));
        assertEquals(
                "4 rationales, 1 kept (25.0%); dropped: 1 states no answer, 2 states a wrong answer", s.toString());
    }
}
