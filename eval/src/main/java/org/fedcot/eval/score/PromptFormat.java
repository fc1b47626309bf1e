package org.fedcot.eval.score;

import java.util.List;
import java.util.Objects;
import org.fedcot.eval.data.Dataset;
import org.fedcot.eval.data.QaExample;

/**
 * The text a model reads for a question of one dataset, in the two scoring modes.
 *
 * <p>Multiple choice follows lm-evaluation-harness's task definitions (EleutherAI/lm-evaluation-harness,
 * {@code lm_eval/tasks}): the context is {@code doc_to_text}, each choice is scored as the continuation
 * {@code target_delimiter + choice} with the default delimiter " ", and few-shot exemplars are whole
 * solved questions joined by the default {@code fewshot_delimiter} "\n\n".
 * <ul>
 * <li>ARC-Easy ({@code arc/arc_easy.yaml}) and CQA: {@code "Question: <question>\nAnswer:"}. The
 *     harness's own commonsense_qa task scores option letters instead; CQA here is scored on the
 *     answer texts in ARC's layout, so that every dataset is scored the same way;</li>
 * <li>OBQA ({@code openbookqa/openbookqa.yaml}): the question stem alone;</li>
 * <li>BoolQ ({@code super_glue/boolq/default.yaml}): {@code "<passage>\nQuestion: <question>?\nAnswer:"}
 *     with choices " no" and " yes"; without a passage the first line is left out, and the "?" is not
 *     doubled when the question already ends with one.</li>
 * </ul>
 *
 * <p>Generation uses the input layout of Distilling step-by-step's CQA data ({@code data_utils.py}:
 * the question, then "Answer Choices:" and one "(a) text" line per choice), ending in "\nAnswer:" so a
 * decoder-only model knows to answer; BoolQ reads its multiple-choice context, answered "yes" or "no".
 */
public final class PromptFormat {
    /** lm-evaluation-harness's default target_delimiter, between a context and its continuation. */
    public static final String TARGET_DELIMITER = " ";
    /** lm-evaluation-harness's default fewshot_delimiter, after each exemplar. */
    public static final String FEWSHOT_DELIMITER = "\n\n";

    private static final String QUESTION = "Question: ";
    private static final String ANSWER = "\nAnswer:";

    private final Dataset dataset;

    private PromptFormat(Dataset dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    /** The format of {@code dataset}'s questions. */
    public static PromptFormat of(Dataset dataset) {
        return new PromptFormat(dataset);
    }

    /** The dataset this format is for. */
    public Dataset dataset() {
        return dataset;
    }

    /** The multiple-choice context of {@code e} alone (zero-shot). */
    public String mcContext(QaExample e) {
        String question = e.question().strip();
        return switch (dataset) {
            case OBQA -> question;
            case BOOLQ -> boolq(e);
            case CQA, ARC_EASY -> QUESTION + question + ANSWER;
        };
    }

    /** The multiple-choice context of {@code e} after the solved {@code exemplars}. */
    public String mcContext(QaExample e, List<QaExample> exemplars) {
        StringBuilder s = new StringBuilder();
        for (QaExample x : exemplars) {
            s.append(mcContext(x)).append(continuation(x.answerText())).append(FEWSHOT_DELIMITER);
        }
        return s.append(mcContext(e)).toString();
    }

    /** The continuation whose log-likelihood ranks {@code choice}. */
    public String continuation(String choice) {
        return TARGET_DELIMITER + choice;
    }

    /** The generation prompt of {@code e} alone (zero-shot). */
    public String genPrompt(QaExample e) {
        if (dataset == Dataset.BOOLQ) {
            return boolq(e);
        }
        StringBuilder s = new StringBuilder(e.question().strip()).append("\nAnswer Choices:");
        List<String> choices = e.choices();
        for (int i = 0; i < choices.size(); i++) {
            s.append("\n(").append((char) ('a' + i)).append(") ").append(choices.get(i));
        }
        return s.append(ANSWER).toString();
    }

    /** The generation prompt of {@code e} after the solved {@code exemplars}. */
    public String genPrompt(QaExample e, List<QaExample> exemplars) {
        StringBuilder s = new StringBuilder();
        for (QaExample x : exemplars) {
            s.append(genPrompt(x))
                    .append(TARGET_DELIMITER)
                    .append(x.answerText())
                    .append(FEWSHOT_DELIMITER);
        }
        return s.append(genPrompt(e)).toString();
    }

    private static String boolq(QaExample e) {
        String question = e.question().strip();
        String asked = question.endsWith("?") ? question : question + "?";
        String passage =
                e.passage() == null || e.passage().isBlank() ? "" : e.passage().strip() + "\n";
        return passage + QUESTION + asked + ANSWER;
    }
}
