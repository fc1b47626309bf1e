package org.fedcot.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The parts of a run's report.md the demo prints: what the statistics mean (the legend over the seeds), the
 * methods (Table 2), the eps sweep (Table 4) and decoding (Table 5) by generated answer and by log-likelihood
 * acc, the rationale TokenRatios and gold-answer shares (Tables 6 and 7), the rationale filter, and the attacks'
 * recovery per eps (the privacy table, when the run attacked its releases); acc_norm stays in the report (it
 * divides by the answer's bytes, which for numbers says little).
 */
final class DemoTables {
    private static final List<String> SHOWN = List.of(
            "## Table 2", "## Table 4", "## Table 5", "## Table 6", "## Table 7", "## Rationales", "## Privacy");
    /** The legend's first words: it precedes the first table. */
    private static final String LEGEND = "Accuracy: mean over";

    private DemoTables() {}

    /** Those sections of {@code reportMd}, in its order. */
    static String of(Path reportMd) throws IOException {
        StringBuilder out = new StringBuilder();
        boolean keep = false;
        for (String line : Files.readAllLines(reportMd)) {
            if (line.startsWith("## ")) {
                keep = SHOWN.stream().anyMatch(line::startsWith) && !line.contains("acc_norm");
            }
            if (line.startsWith(LEGEND)) {
                out.append(line).append("\n\n");
            } else if (keep) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip();
    }
}
