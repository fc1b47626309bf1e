package org.fedcot.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.run.StageLog;

/**
 * A stage that turns one text per example into another (perturbation, encoding, decoding, an LLM answer),
 * keeping its records {@code {"id", "input", "output"}} in {@code stages/NAME.jsonl}. Records already there
 * are reused, the rest made in input order and appended one by one (or batch by batch), so a killed run
 * loses at most the records being made; the listener hears of each record once it is stored. A stored record
 * whose input differs from today's means the run directory belongs to another configuration: that is an
 * error, not a silent mix.
 */
public final class TextStage {
    /** Makes the outputs of a batch of inputs, in order. */
    @FunctionalInterface
    public interface Maker {
        /** The outputs of {@code inputs} (parallel to {@code ids}). */
        List<String> make(List<String> ids, List<String> inputs) throws IOException;
    }

    private TextStage() {}

    /**
     * The output for every id of {@code inputs} (id to input text), made by {@code maker} in batches of
     * {@code batch} for those not yet stored.
     */
    public static Map<String, String> run(
            RunDir dir, String name, Map<String, String> inputs, int batch, Maker maker, RunListener listener)
            throws IOException {
        Map<String, String> outputs = new LinkedHashMap<>();
        try (StageLog log = StageLog.open(dir.stage(name))) {
            List<String> todo =
                    inputs.keySet().stream().filter(id -> !log.has(id)).toList();
            listener.stageStarted(name, inputs.size(), inputs.size() - todo.size());
            for (int start = 0; start < todo.size(); start += batch) {
                List<String> ids = todo.subList(start, Math.min(todo.size(), start + batch));
                List<String> made =
                        maker.make(ids, ids.stream().map(inputs::get).toList());
                for (int i = 0; i < ids.size(); i++) {
                    log.append(StageLog.record(ids.get(i))
                            .put("input", inputs.get(ids.get(i)))
                            .put("output", made.get(i)));
                    listener.stageProgress(name, inputs.size() - todo.size() + start + i + 1);
                }
            }
            for (Map.Entry<String, String> e : inputs.entrySet()) {
                JsonNode r = log.get(e.getKey());
                if (!r.path("input").asText().equals(e.getValue())) {
                    throw new IllegalStateException(
                            dir.stage(name) + ": example " + e.getKey() + " was made from another"
                                    + " input; this run directory belongs to another configuration or data set");
                }
                outputs.put(e.getKey(), r.path("output").asText());
            }
        }
        listener.stageFinished(name);
        return outputs;
    }
}
