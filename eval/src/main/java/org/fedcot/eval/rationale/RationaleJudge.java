package org.fedcot.eval.rationale;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fedcot.eval.data.QaExample;
import org.fedcot.llm.prompt.AnswerParser;
import org.fedcot.llm.prompt.StatedAnswer;

/**
 * Decides whether a rationale states its question's gold answer. It does when its last answer statement
 * names the gold option by letter, or states the gold choice's text (compared after
 * {@link AnswerParser#normalize}, so a repeated choice text under another letter counts too). A
 * statement naming several options ("the answer is either (a) pond or (e) lake") is a hedge, not an answer.
 */
public final class RationaleJudge {

    /** A second option marker inside the stated text: "(a) ocean or (b) sea". */
    private static final Pattern OPTION_MARK = Pattern.compile("\\([a-zA-Z]\\)");

    private RationaleJudge() {}

    /** {@code text}, a rationale already cut from its teacher output, judged against {@code example}. */
    public static Rationale judge(QaExample example, String text) {
        Optional<StatedAnswer> parsed = AnswerParser.parse(text);
        if (parsed.isEmpty()) {
            return new Rationale(example.id(), text, null, Verdict.NO_STATEMENT);
        }
        StatedAnswer stated = parsed.get();
        return new Rationale(example.id(), text, stated, verdict(example, stated));
    }

    private static Verdict verdict(QaExample example, StatedAnswer stated) {
        if (OPTION_MARK.matcher(stated.text()).find()) {
            return Verdict.SEVERAL_OPTIONS;
        }
        List<String> choices = example.choices();
        String gold = AnswerParser.normalize(example.answerText());
        int byLetter = stated.letter() == null ? -1 : stated.letter().charAt(0) - 'a';
        boolean letterIsGold = byLetter >= 0
                && byLetter < choices.size()
                && AnswerParser.normalize(choices.get(byLetter)).equals(gold);
        if (letterIsGold || AnswerParser.normalize(stated.text()).equals(gold)) {
            return Verdict.KEPT;
        }
        return stated.choiceIndex(choices).isPresent() ? Verdict.WRONG_ANSWER : Verdict.NOT_A_CHOICE;
    }
}
