package org.fedcot.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fedcot.eval.data.QaExample;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.eval.score.ChoiceEncoder;
import org.fedcot.eval.score.ChoicePrediction;
import org.fedcot.eval.score.MultipleChoiceScorer;
import org.fedcot.models.generate.LoglikelihoodScorer;
import org.fedcot.models.generate.ScoringRequest;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.run.StageLog;

/**
 * Multiple-choice evaluation by log-likelihood (lm-evaluation-harness's acc and acc_norm, through eval's
 * {@link MultipleChoiceScorer}): each choice's text is scored as the continuation of the variant's own
 * prompt, the one its model was trained or prompted to answer after, so the two modes differ only in how
 * the answer is read out. Predictions go to {@code predictions/VARIANT.mc.jsonl} a group at a time, so a
 * rerun continues where the last one stopped.
 */
public final class ChoiceStage {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Questions scored per call: the scorer batches their choices together, the log records them together. */
    private static final int GROUP = 8;

    private static final int BATCH = 16;

    private ChoiceStage() {}

    /** Scores {@code test} with {@code model}, each question after {@code prompt(question)}, keeping predictions in {@code file}. */
    public static ChoiceScores run(
            Path file,
            String name,
            List<QaExample> test,
            Function<QaExample, String> prompt,
            DecoderModel model,
            Tokenizer tokenizer,
            RunListener listener)
            throws IOException {
        ChoiceEncoder encoder = new ChoiceEncoder(tokenizer);
        LoglikelihoodScorer scorer = new LoglikelihoodScorer(model, BATCH);
        try (StageLog log = StageLog.open(file)) {
            List<QaExample> todo = test.stream().filter(q -> !log.has(q.id())).toList();
            int done = test.size() - todo.size();
            listener.stageStarted(name, test.size(), done);
            for (int start = 0; start < todo.size(); start += GROUP) {
                List<QaExample> group = todo.subList(start, Math.min(todo.size(), start + GROUP));
                List<List<ScoringRequest>> requests = group.stream()
                        .map(q -> encoder.encode(prompt.apply(q), q.choices()))
                        .toList();
                double[][] logliks = MultipleChoiceScorer.loglikelihoods(scorer, requests);
                for (int i = 0; i < group.size(); i++) {
                    QaExample q = group.get(i);
                    ChoicePrediction p = ChoicePrediction.of(q.id(), q.answerIndex(), logliks[i], q.choices());
                    log.append((ObjectNode) JSON.valueToTree(p.toJson()));
                }
                done += group.size();
                listener.stageProgress(name, done);
            }
            listener.stageFinished(name);
            Map<String, JsonNode> records = log.records();
            return new ChoiceScores(
                    Accuracy.count(
                            test, q -> records.get(q.id()).path("correct").asBoolean()),
                    Accuracy.count(
                            test, q -> records.get(q.id()).path("correct_norm").asBoolean()));
        }
    }
}
