package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fedcot.eval.data.Dataset;
import org.fedcot.eval.data.QaExample;
import org.junit.jupiter.api.Test;

class PromptFormatTest {
    private static final QaExample SAND =
            new QaExample("1", " What is a beach made of? ", null, List.of("sand", "snow", "glass"), 0);
    private static final QaExample SUN = new QaExample("2", "What is hot?", null, List.of("ice", "sun", "rain"), 1);

    @Test
    void multipleChoiceContextsFollowTheHarness() {
        assertEquals(
                "Question: What is a beach made of?\nAnswer:",
                PromptFormat.of(Dataset.CQA).mcContext(SAND));
        assertEquals(
                "Question: What is a beach made of?\nAnswer:",
                PromptFormat.of(Dataset.ARC_EASY).mcContext(SAND));
        assertEquals("What is a beach made of?", PromptFormat.of(Dataset.OBQA).mcContext(SAND));
        assertEquals(" sand", PromptFormat.of(Dataset.CQA).continuation("sand"));
    }

    @Test
    void boolqWithAndWithoutPassage() {
        PromptFormat f = PromptFormat.of(Dataset.BOOLQ);
        assertEquals(
                "Sand is made of rock.\nQuestion: is sand made of rock?\nAnswer:",
                f.mcContext(QaExample.yesNo("b", "is sand made of rock", "Sand is made of rock.", true)));
        assertEquals(
                "Question: is sand made of rock?\nAnswer:",
                f.mcContext(QaExample.yesNo("b", "is sand made of rock?", null, true)));
        assertEquals(
                f.mcContext(QaExample.yesNo("b", "q", "p", true)), f.genPrompt(QaExample.yesNo("b", "q", "p", true)));
    }

    @Test
    void fewShotExemplarsAreSolvedAndJoinedByBlankLines() {
        PromptFormat f = PromptFormat.of(Dataset.ARC_EASY);
        assertEquals(
                "Question: What is hot?\nAnswer: sun\n\nQuestion: What is a beach made of?\nAnswer:",
                f.mcContext(SAND, List.of(SUN)));
        assertEquals(f.mcContext(SAND), f.mcContext(SAND, List.of()));
    }

    @Test
    void generationPromptListsLetteredChoices() {
        PromptFormat f = PromptFormat.of(Dataset.CQA);
        assertEquals(
                "What is a beach made of?\nAnswer Choices:\n(a) sand\n(b) snow\n(c) glass\nAnswer:", f.genPrompt(SAND));
        assertEquals(
                "What is hot?\nAnswer Choices:\n(a) ice\n(b) sun\n(c) rain\nAnswer: sun\n\n" + f.genPrompt(SAND),
                f.genPrompt(SAND, List.of(SUN)));
    }
}
