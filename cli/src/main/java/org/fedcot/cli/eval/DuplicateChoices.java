package org.fedcot.cli.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fedcot.cli.TerminalText;
import org.fedcot.eval.data.QaExample;

/**
 * The one-line notice for questions that offer the same choice twice. Public data sets have them (the CQA
 * test set has 24, six with the gold answer twice), so they are scored as given rather than refused; but the
 * user is told, since such a question's choices do not mean what the data set says they do.
 */
public final class DuplicateChoices {
    private DuplicateChoices() {}

    /** The notice for {@code file}'s {@code questions}, or empty when every question's choices differ. */
    public static Optional<String> notice(Path file, List<QaExample> questions) {
        int count = 0;
        String first = null;
        for (int i = 0; i < questions.size(); i++) {
            List<String> choices = questions.get(i).choices();
            for (int c = 0; c < choices.size(); c++) {
                int again = choices.subList(c + 1, choices.size()).indexOf(choices.get(c));
                if (again >= 0) {
                    count++;
                    if (first == null) {
                        first = "record " + (i + 1) + ", id " + questions.get(i).id() + ": choices " + (c + 1) + " and "
                                + (c + 2 + again) + " are both \"" + choices.get(c) + "\"";
                    }
                    break;
                }
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(TerminalText.oneLine("fedcot: warning: " + file + ": " + count + " question"
                + (count == 1 ? " offers" : "s offer") + " the same choice twice (first: " + first
                + "); they are scored as given"));
    }
}
