package org.fedcot.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fedcot.eval.data.QaExample;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.eval.score.AnswerMatcher;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.run.StageLog;
import org.fedcot.pipeline.slm.SlmGenerator;

/**
 * Exact-match evaluation (Distilling step-by-step's): an answer is generated for each test question and
 * matched to a choice ({@link AnswerMatcher}). Answers are made a batch of questions at a time, and their
 * predictions go one line per question to {@code predictions/VARIANT.jsonl} ({@code id, gold, predicted,
 * correct, generated}) as each batch is made, so a rerun continues where the last one stopped, having lost at
 * most one batch.
 */
public final class EvaluationStage {
    /** Makes the answers of a batch of questions. */
    @FunctionalInterface
    public interface Answers {
        /** The answer to each of {@code questions}, in order. */
        List<String> answer(List<QaExample> questions);
    }

    private EvaluationStage() {}

    /**
     * Scores the answers {@code answers} gives to {@code test}, {@code batch} questions at a time, keeping
     * predictions in {@code file}.
     */
    public static Accuracy run(
            Path file, String name, List<QaExample> test, int batch, Answers answers, RunListener listener)
            throws IOException {
        try (StageLog log = StageLog.open(file)) {
            List<QaExample> todo = test.stream().filter(q -> !log.has(q.id())).toList();
            int done = test.size() - todo.size();
            listener.stageStarted(name, test.size(), done);
            for (int start = 0; start < todo.size(); start += batch) {
                List<QaExample> questions = todo.subList(start, Math.min(todo.size(), start + batch));
                List<String> generated = answers.answer(questions);
                for (int i = 0; i < questions.size(); i++) {
                    QaExample q = questions.get(i);
                    int predicted = AnswerMatcher.match(generated.get(i), q.choices());
                    log.append(StageLog.record(q.id())
                            .put("gold", q.answerIndex())
                            .put("predicted", predicted)
                            .put("correct", predicted == q.answerIndex())
                            .put("generated", generated.get(i)));
                    listener.stageProgress(name, ++done);
                }
            }
            listener.stageFinished(name);
            Map<String, JsonNode> records = log.records();
            return Accuracy.count(test, q -> records.get(q.id()).path("correct").asBoolean());
        }
    }

    /** The answers an SLM generates from {@code prompt(question)}. */
    public static Answers slm(SlmGenerator generator, Function<QaExample, String> prompt) {
        return questions ->
                generator.continuations(questions.stream().map(prompt).toList());
    }
}
