package org.fedcot.pipeline.stage;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.fedcot.llm.client.BatchListener;
import org.fedcot.pipeline.run.Exposure;
import org.fedcot.pipeline.run.LlmGateway;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.RunListener;

/**
 * The server's answers to one prompt per example, asked in batches a few times the client's concurrency
 * wide; every batch's answers are in the response cache as they arrive and in the stage file once the batch
 * is done, so a rerun asks the server nothing it has answered.
 */
public final class LlmStage {
    private LlmStage() {}

    /** The completion of each id's prompt (id to prompt), in stage {@code name}. */
    public static Map<String, String> run(
            RunDir dir,
            String name,
            Map<String, String> prompts,
            LlmGateway llm,
            Exposure exposure,
            RunListener listener)
            throws IOException {
        Map<String, String> answers = TextStage.run(
                dir,
                name,
                prompts,
                4 * llm.concurrency(),
                (ids, inputs) -> llm.complete(name, ids, inputs, exposure, BatchListener.NONE),
                listener);
        // the completion stops before "<end>"; what is kept is the rationale itself
        return answers.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().strip(), (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
