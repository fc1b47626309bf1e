package org.fedcot.pipeline.report;

import java.util.Arrays;
import java.util.List;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.pipeline.method.VariantResult;

/** The accuracies a run may have measured (eval.mode), each reported in tables of its own. */
public enum Metric {
    /** Exact match of the generated answer. */
    GENERATED("", "generated answer, exact match"),
    /** lm-evaluation-harness's acc: the choice of highest log-likelihood. */
    MC_ACC("-mc", "multiple choice, acc"),
    /** lm-evaluation-harness's acc_norm: the highest log-likelihood per byte of the choice. */
    MC_ACC_NORM("-mc-norm", "multiple choice, acc_norm");

    private final String suffix;
    private final String caption;

    Metric(String suffix, String caption) {
        this.suffix = suffix;
        this.caption = caption;
    }

    /** What file and directory names of this metric's tables end in ("" for the default, generation). */
    public String suffix() {
        return suffix;
    }

    /** The metric in a table's title. */
    public String caption() {
        return caption;
    }

    /** The accuracy of {@code r} by this metric, or null when it was not measured so. */
    public Accuracy of(VariantResult r) {
        return switch (this) {
            case GENERATED -> r.accuracy();
            case MC_ACC -> r.choice() == null ? null : r.choice().acc();
            case MC_ACC_NORM -> r.choice() == null ? null : r.choice().accNorm();
        };
    }

    /** The metrics some result of {@code runs} has, in declaration order. */
    public static List<Metric> present(List<RunResults> runs) {
        return Arrays.stream(values())
                .filter(m ->
                        runs.stream().flatMap(run -> run.results().stream()).anyMatch(r -> m.of(r) != null))
                .toList();
    }
}
