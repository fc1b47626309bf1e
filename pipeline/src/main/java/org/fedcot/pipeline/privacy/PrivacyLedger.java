package org.fedcot.pipeline.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.StageLog;
import org.fedcot.privacy.MechanismKind;
import org.fedcot.privacy.PerturbOptions;

/**
 * The run's privacy ledger, rewritten from the stage files at the end of every run: {@code privacy/ledger.jsonl}
 * holds every release of every private prompt (stage, variants, mechanism, eps, guarantee, eligible and changed
 * words), {@code privacy/ledger.json} each prompt's eps per word composed over its releases under basic
 * composition, the budget, and the releases themselves.
 */
public final class PrivacyLedger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrivacyLedger() {}

    /**
     * Writes the ledger of {@code config}'s run in {@code dir}, whose private prompts are {@code raw} (id to
     * question text); returns the summary it wrote.
     */
    public static JsonNode write(RunDir dir, RunConfig config, Map<String, String> raw) throws IOException {
        PerturbOptions options = config.privacy().options(config.privacy().epsilon());
        StringBuilder lines = new StringBuilder();
        Map<String, Double> composed = new LinkedHashMap<>();
        Map<String, Integer> withoutDp = new LinkedHashMap<>();
        ObjectNode summary = JSON.createObjectNode();
        for (Release r : ReleasePlan.of(config)) {
            if (!Files.exists(dir.stage(r.stage()))) {
                continue;
            }
            String guarantee =
                    r.dp() ? MechanismKind.parse(r.mechanism()).guarantee().description() : Release.NO_DP;
            ObjectNode release = summary.withArray("releases")
                    .addObject()
                    .put("stage", r.stage())
                    .put("mechanism", r.mechanism())
                    .put("eps", r.epsilon())
                    .put("dp", r.dp())
                    .put("guarantee", guarantee);
            r.variants().forEach(release.withArray("variants")::add);
            try (StageLog log = StageLog.open(dir.stage(r.stage()))) {
                for (Map.Entry<String, JsonNode> e : log.records().entrySet()) {
                    String id = e.getKey();
                    KeptWords k = KeptWords.of(
                            raw.getOrDefault(id, ""),
                            KeptWords.counts(e.getValue().path("output").asText()),
                            options);
                    ObjectNode line = JSON.createObjectNode().put("id", id).put("stage", r.stage());
                    r.variants().forEach(line.withArray("variants")::add);
                    line.put("mechanism", r.mechanism())
                            .put("eps", r.epsilon())
                            .put("guarantee", guarantee)
                            .put("eligible", k.eligible())
                            .put("changed", k.eligible() - k.kept());
                    lines.append(JSON.writeValueAsString(line)).append('\n');
                    if (r.dp()) {
                        composed.merge(id, r.epsilon(), Double::sum);
                    } else {
                        composed.putIfAbsent(id, 0.0);
                        withoutDp.merge(id, 1, Integer::sum);
                    }
                }
            }
        }
        summary.put("prompts", composed.size());
        summary.put(
                "composedEpsPerWordMax",
                composed.values().stream().mapToDouble(d -> d).max().orElse(0));
        summary.put(
                "composedEpsPerWordMin",
                composed.values().stream().mapToDouble(d -> d).min().orElse(0));
        summary.put("promptsWithoutDpRelease", withoutDp.size());
        if (config.privacy().budgetPerPrompt() == null) {
            summary.putNull("budgetPerPrompt");
        } else {
            summary.put("budgetPerPrompt", config.privacy().budgetPerPrompt());
        }
        ObjectNode perPrompt = summary.putObject("composedEpsPerWord");
        composed.forEach(perPrompt::put);
        Files.createDirectories(dir.privacy());
        AtomicFiles.writeString(dir.privacy().resolve("ledger.jsonl"), lines.toString());
        AtomicFiles.writeString(
                dir.privacy().resolve("ledger.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        return summary;
    }
}
