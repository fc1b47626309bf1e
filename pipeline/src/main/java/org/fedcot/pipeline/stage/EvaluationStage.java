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
 * matched to a choice ({@link AnswerMatcher}). Predictions go one line per question to
 * {@code predictions/VARIANT.jsonl} ({@code id, gold, predicted, correct, generated}) as they are made, so a
 * rerun continues where the last one stopped.
 */
public final class EvaluationStage {
    private EvaluationStage() {
    }

    /** Scores the answers {@code answer} gives to {@code test}, keeping predictions in {@code file}. */
    public static Accuracy run(Path file, String name, List<QaExample> test, Function<QaExample, String> answer,
                               RunListener listener) throws IOException {
        try (StageLog log = StageLog.open(file)) {
            int done = (int) test.stream().filter(q -> log.has(q.id())).count();
            listener.stageStarted(name, test.size(), done);
            for (QaExample q : test) {
                if (log.has(q.id())) continue;
                String generated = answer.apply(q);
                int predicted = AnswerMatcher.match(generated, q.choices());
                log.append(StageLog.record(q.id()).put("gold", q.answerIndex()).put("predicted", predicted)
                        .put("correct", predicted == q.answerIndex()).put("generated", generated));
                listener.stageProgress(name, ++done);
            }
            listener.stageFinished(name);
            Map<String, JsonNode> records = log.records();
            return Accuracy.count(test, q -> records.get(q.id()).path("correct").asBoolean());
        }
    }

    /** The answer an SLM generates from {@code prompt(question)}. */
    public static Function<QaExample, String> slm(SlmGenerator generator, Function<QaExample, String> prompt) {
        return q -> generator.continuation(prompt.apply(q));
    }
}
