package org.fedcot.eval.rationale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.fedcot.eval.data.QaExample;
import org.fedcot.llm.prompt.AnswerParser;
import org.fedcot.llm.prompt.StatedAnswer;

/** Checks shared by the tests of real teacher files. */
final class GoldAnswers {

    private GoldAnswers() {}

    /** Each rationale belongs to the question at its position, and every kept one states that question's gold answer. */
    static void assertAlignedAndKeptAreGold(List<QaExample> examples, List<Rationale> rationales) {
        assertEquals(examples.size(), rationales.size());
        for (int i = 0; i < examples.size(); i++) {
            QaExample e = examples.get(i);
            Rationale r = rationales.get(i);
            assertEquals(e.id(), r.exampleId());
            if (r.kept())
                assertTrue(statesGold(e, r.stated()), () -> e.id() + ": " + r.stated() + " vs " + e.answerText());
        }
    }

    private static boolean statesGold(QaExample e, StatedAnswer stated) {
        String gold = AnswerParser.normalize(e.answerText());
        OptionalInt named = stated.choiceIndex(e.choices());
        return (named.isPresent()
                        && AnswerParser.normalize(e.choices().get(named.getAsInt()))
                                .equals(gold))
                || AnswerParser.normalize(stated.text()).equals(gold);
    }
}
