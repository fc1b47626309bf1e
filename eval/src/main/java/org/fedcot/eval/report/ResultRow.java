package org.fedcot.eval.report;

import java.util.Objects;
import org.fedcot.eval.score.Accuracy;

/**
 * One cell of the paper's tables: how a method did on a dataset, at one privacy budget.
 *
 * @param method     the method's table name ("Standalone", "FedCoT-E")
 * @param dataset    the dataset's name as the columns show it ("cqa")
 * @param epsilon    the privacy parameter eps, or {@code null} for a method that perturbs nothing
 * @param accuracy   correct and total, which give the accuracy and its 95% Wilson interval
 * @param tokenRatio mean TokenRatio of the perturbed prompts in [0, 1], or {@code null} when nothing was perturbed
 */
public record ResultRow(String method, String dataset, Double epsilon, Accuracy accuracy, Double tokenRatio) {
    /** Checks the names are non-blank, eps finite and >= 0, the TokenRatio in [0, 1]. */
    public ResultRow {
        if (method == null || method.isBlank() || dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException(
                    "a result row needs a method and a dataset, got '" + method + "', '" + dataset + "'");
        }
        Objects.requireNonNull(accuracy, "accuracy");
        if (epsilon != null && !(epsilon >= 0 && Double.isFinite(epsilon))) {
            throw new IllegalArgumentException(
                    method + " on " + dataset + ": eps must be finite and >= 0, got " + epsilon);
        }
        if (tokenRatio != null && !(tokenRatio >= 0 && tokenRatio <= 1)) {
            throw new IllegalArgumentException(
                    method + " on " + dataset + ": TokenRatio must be in [0, 1], got " + tokenRatio);
        }
    }

    /** The table line this row is on. */
    public MethodLine line() {
        return new MethodLine(method, epsilon);
    }
}
