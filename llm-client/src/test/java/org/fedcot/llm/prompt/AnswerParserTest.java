package org.fedcot.llm.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AnswerParserTest {

    private static final List<String> CHOICES =
            List.of("park", "coloring book", "garden center", "math problem", "gravity");

    @Test
    void palmStatementWithRunawayExemplar() {
        String r =
                "Of the above choices, only math problem has to do with the above problem. So the answer is (d) math problem."
                        + "\n\nQ: What is this?\nAnswer Choices:\n(a) horse\nA: So the answer is (a) horse.";
        StatedAnswer a = AnswerParser.parse(r).orElseThrow();
        assertEquals(new StatedAnswer("d", "math problem"), a);
        assertEquals(OptionalInt.of(3), a.choiceIndex(CHOICES));
    }

    @Test
    void obqaThusWithoutFinalStop() {
        assertEquals(
                new StatedAnswer("c", "kitchen"),
                AnswerParser.parse("Hot objects are used in kitchen. Thus, the answer is (c) kitchen\n\nQ: x")
                        .orElseThrow());
    }

    @Test
    void quotedAndBareTextAnswers() {
        assertEquals(
                new StatedAnswer(null, "yes"),
                AnswerParser.parse("Therefore, the answer is 'yes'.").orElseThrow());
        assertEquals(
                new StatedAnswer(null, "true"),
                AnswerParser.parse("the correct answer is true").orElseThrow());
        assertEquals(
                new StatedAnswer("b", ""),
                AnswerParser.parse("So the answer is: (B).").orElseThrow());
    }

    @Test
    void lastStatementWinsAndTextMatchesChoice() {
        StatedAnswer a = AnswerParser.parse("The answer is gravity? No. So the answer is Garden-Center!")
                .orElseThrow();
        assertEquals(OptionalInt.of(2), a.choiceIndex(CHOICES));
    }

    @Test
    void outOfRangeLetterFallsBackToText() {
        assertEquals(OptionalInt.of(4), new StatedAnswer("z", "gravity").choiceIndex(CHOICES));
        assertTrue(new StatedAnswer(null, "moon").choiceIndex(CHOICES).isEmpty());
    }

    @Test
    void trueAndFalseAnswerYesNoQuestions() {
        List<String> yesNo = List.of("no", "yes");
        assertEquals(
                OptionalInt.of(1),
                AnswerParser.parse("the correct answer is true").orElseThrow().choiceIndex(yesNo));
        assertEquals(
                OptionalInt.of(0),
                AnswerParser.parse("So the answer is False.").orElseThrow().choiceIndex(yesNo));
        assertEquals(
                OptionalInt.of(1),
                AnswerParser.parse("So the answer is yes.").orElseThrow().choiceIndex(yesNo));
    }

    @Test
    void noStatement() {
        assertTrue(AnswerParser.parse("I am not sure about this one.").isEmpty());
    }

    @Test
    void normalisation() {
        assertEquals("st louis", AnswerParser.normalize("  St. Louis!  "));
        assertEquals("don t know", AnswerParser.normalize("Don’t   know"));
    }
}
