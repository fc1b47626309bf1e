package org.fedcot.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.StageLog;

/**
 * Whether a variant answered each test question right, by one metric, from its saved per-question predictions
 * (predictions/VARIANT.jsonl for generated answers, VARIANT.mc.jsonl for the multiple-choice scores): the
 * pairs of the paired tests.
 */
final class Outcomes {
    private Outcomes() {}

    /** Question id to right or wrong; null when the predictions file is not there (results without predictions). */
    static Map<String, Boolean> read(RunDir dir, String variant, Metric metric) throws IOException {
        Path file = metric == Metric.GENERATED ? dir.predictions(variant) : dir.choicePredictions(variant);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String field = metric == Metric.MC_ACC_NORM ? "correct_norm" : "correct";
        Map<String, Boolean> out = new LinkedHashMap<>();
        try (StageLog log = StageLog.open(file)) {
            for (Map.Entry<String, JsonNode> e : log.records().entrySet()) {
                out.put(e.getKey(), e.getValue().path(field).asBoolean());
            }
        }
        return out;
    }
}
