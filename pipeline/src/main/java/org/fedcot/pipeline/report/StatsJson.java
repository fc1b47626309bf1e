package org.fedcot.pipeline.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.pipeline.method.Variant;
import org.fedcot.pipeline.method.VariantResult;

/**
 * Every statistic of a report as JSON ({@value #FILE}), for programs that read a finished run:
 * <pre>
 * {"runs": [{"dataset": "...", "epsilon": 3.0, "seeds": [1, 2, 3], "variants": [{
 *     "id": "fedcot-e-eps3", "method": "FedCoT-E", "epsilon": 3.0, "decoding": true, "fraction": 1.0,
 *     "metrics": {"generated": {"accuracies": [..per seed..], "mean": .., "sd": .. (null for one seed),
 *                               "correct": .., "total": .. (pooled), "difference": .. (vs Standalone, mean over seeds),
 *                               "gains": b, "losses": c, "pairs": n, "p": .., "significant": true},
 *                 "mc": {..}, "mc-norm": {..}},
 *     "tokenRatio": {"prompts": .., "rationales": .. (Table 6), "decoded": .. (Table 7)},
 *     "statesGold": {"before": {"count": k, "of": n, "share": k/n}, "after": {..}}}]}]}
 * </pre>
 * Accuracies, differences and shares are fractions in [0, 1]; what was not measured is null (or absent, for a
 * metric that did not score the variant).
 */
public final class StatsJson {
    /** The file's name in a report directory. */
    public static final String FILE = "stats.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatsJson() {}

    /** Writes the statistics of {@code runs} by {@code metrics} to {@code file}, atomically. */
    static void write(List<RunResults> runs, List<Metric> metrics, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode runArray = root.putArray("runs");
        for (RunResults run : runs) {
            ObjectNode r = runArray.addObject();
            r.put("dataset", run.dataset());
            r.put("epsilon", run.epsilon());
            ArrayNode seeds = r.putArray("seeds");
            run.seeds().forEach(s -> seeds.add(s.seed()));
            ArrayNode variants = r.putArray("variants");
            for (VariantResult first : run.results()) {
                variants.add(variant(run, first.variant(), metrics));
            }
        }
        AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
    }

    private static ObjectNode variant(RunResults run, Variant v, List<Metric> metrics) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", v.id());
        node.put("method", v.label());
        node.put("epsilon", v.epsilon());
        node.put("decoding", v.decoding());
        node.put("fraction", v.fraction());
        ObjectNode byMetric = node.putObject("metrics");
        for (Metric m : metrics) {
            VariantStats st = VariantStats.of(run, v.id(), m);
            if (st != null) {
                byMetric.set(name(m), stats(st));
            }
        }
        RationaleStats rs = RationaleStats.of(run.perSeed(v.id()));
        ObjectNode ratios = node.putObject("tokenRatio");
        ratios.put("prompts", rs.promptRatio());
        ratios.put("rationales", rs.receivedRatio());
        ratios.put("decoded", rs.usedRatio());
        ObjectNode gold = node.putObject("statesGold");
        gold.set("before", share(rs.goldBefore()));
        gold.set("after", share(rs.goldAfter()));
        return node;
    }

    private static ObjectNode stats(VariantStats st) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode accuracies = n.putArray("accuracies");
        st.accuracies().forEach(accuracies::add);
        n.put("mean", st.mean());
        if (Double.isNaN(st.sd())) {
            n.putNull("sd");
        } else {
            n.put("sd", st.sd());
        }
        n.put("correct", st.pooled().correct());
        n.put("total", st.pooled().total());
        n.put("difference", st.difference());
        n.put("gains", st.test() == null ? null : st.test().gains());
        n.put("losses", st.test() == null ? null : st.test().losses());
        n.put("pairs", st.test() == null ? null : st.pairs());
        n.put("p", st.test() == null ? null : st.test().p());
        n.put("significant", st.significant());
        return n;
    }

    private static ObjectNode share(Accuracy a) {
        if (a == null) {
            return null;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("count", a.correct());
        n.put("of", a.total());
        n.put("share", a.value());
        return n;
    }

    /** The metric's key: "generated", "mc", "mc-norm". */
    static String name(Metric m) {
        return m == Metric.GENERATED ? "generated" : m.suffix().substring(1).toLowerCase(Locale.ROOT);
    }
}
