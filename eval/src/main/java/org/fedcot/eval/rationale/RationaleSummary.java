package org.fedcot.eval.rationale;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many rationales a filter kept and why the others were dropped.
 *
 * @param total   rationales judged
 * @param kept    rationales stating the gold answer
 * @param dropped count of dropped rationales by verdict (verdicts with none are absent)
 */
public record RationaleSummary(int total, int kept, Map<Verdict, Integer> dropped) {

    public RationaleSummary {
        dropped = Map.copyOf(dropped);
    }

    /** The summary of {@code rationales}. */
    public static RationaleSummary of(List<Rationale> rationales) {
        Map<Verdict, Integer> dropped = new EnumMap<>(Verdict.class);
        int kept = 0;
        for (Rationale r : rationales) {
            if (r.kept()) {
                kept++;
            } else {
                dropped.merge(r.verdict(), 1, Integer::sum);
            }
        }
        return new RationaleSummary(rationales.size(), kept, dropped);
    }

    /** One line: "9741 rationales, 7400 kept (76.0%); dropped: 2171 states a wrong answer, ...". */
    @Override
    public String toString() {
        String reasons = dropped.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().description())
                .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "%d rationales, %d kept (%.1f%%)%s",
                total,
                kept,
                total == 0 ? 0.0 : 100.0 * kept / total,
                reasons.isEmpty() ? "" : "; dropped: " + reasons);
    }
}
