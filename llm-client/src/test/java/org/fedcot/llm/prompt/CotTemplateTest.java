package org.fedcot.llm.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The four chain-of-thought prompts: the question asked comes last, lettered, and every exemplar parses. */
class CotTemplateTest {
    private static final List<String> FIVE = List.of("bank", "library", "department store", "mall", "new york");
    /** An exemplar: its lettered choices (group 1) and its answer line (group 2). */
    private static final Pattern EXEMPLAR =
            Pattern.compile("(?s)Q: .*?\\nAnswer Choices:\\n((?:\\([a-z]\\) [^\\n]*\\n)+)A: ([^\\n]+)");

    @ParameterizedTest
    @EnumSource(CotTemplate.class)
    void theQuestionComesLastWithEveryChoiceLettered(CotTemplate t) {
        String prompt = t.render("Where would you find a revolving door?", FIVE, null);
        assertTrue(prompt.endsWith("""

                Q: Where would you find a revolving door?
                Answer Choices:
                (a) bank
                (b) library
                (c) department store
                (d) mall
                (e) new york
                A:"""), prompt);
        assertFalse(prompt.contains("{{") || prompt.contains("{%") || prompt.contains("{#"), "no template syntax left");
        assertFalse(prompt.startsWith("\n"), "the comment leaves no blank first line");
    }

    @ParameterizedTest
    @EnumSource(CotTemplate.class)
    void everyExemplarStatesOneOfItsChoices(CotTemplate t) {
        String prompt = t.render("q", List.of("no", "yes"), null);
        Matcher m = EXEMPLAR.matcher(prompt);
        int exemplars = 0;
        while (m.find()) {
            List<String> choices = m.group(1).lines().map(l -> l.substring(4)).toList();
            String answer = m.group(2);
            StatedAnswer stated =
                    AnswerParser.parse(answer).orElseThrow(() -> new AssertionError("no answer in: " + answer));
            assertTrue(stated.choiceIndex(choices).isPresent(), t + ": " + answer);
            if (t == CotTemplate.BOOLQ) {
                assertTrue(answer.endsWith("So the answer is yes.") || answer.endsWith("So the answer is no."), answer);
            } else {
                assertTrue(answer.matches(".* So the answer is \\([a-e]\\) [^.]+\\."), answer);
            }
            exemplars++;
        }
        assertTrue(exemplars >= 3, t + " has " + exemplars + " exemplars");
    }

    @Test
    void boolqShowsThePassage() {
        String prompt = CotTemplate.BOOLQ.render(
                "is the sun a star", List.of("no", "yes"), "The Sun is the star at the centre of the Solar System.");
        assertTrue(prompt.endsWith("""

                Passage: The Sun is the star at the centre of the Solar System.
                Q: is the sun a star
                Answer Choices:
                (a) no
                (b) yes
                A:"""), prompt);
    }

    @Test
    void templatesByDatasetName() {
        assertEquals(CotTemplate.ARC_EASY, CotTemplate.forDataset("arc-easy"));
        assertEquals(CotTemplate.CQA, CotTemplate.forDataset("CQA"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CotTemplate.forDataset("gsm8k"));
        assertEquals(
                "no chain-of-thought template for dataset 'gsm8k' (known: cqa, obqa, arc-easy, boolq)", e.getMessage());
    }
}
