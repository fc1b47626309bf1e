package org.fedcot.models.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * How the target tokens of a batch are averaged into one loss.
 *
 * <ul>
 * <li>{@link #uniform()}: every target token weighs the same, whatever its task, so the loss is the
 *     plain mean cross-entropy over the batch's target tokens (Hugging Face's causal-LM loss).</li>
 * <li>{@link #of(Map)}: task k has weight a_k; its tokens are averaged within the task and the task
 *     means combined:
 *     <pre>L = sum_k a_k * mean_{i in T_k} CE_i / sum_{k : T_k non-empty} a_k</pre>
 *     where T_k are the batch's target tokens of task k. With FedCoT's two tasks, both in the batch,
 *     and weights alpha and 1 - alpha (see {@link #fedCot}), this is exactly
 *     {@code L = alpha * L_rationale + (1 - alpha) * L_label}. A batch holding one task only gets that
 *     task's mean, not a shrunken one.</li>
 * </ul>
 *
 * <p>Both come down to a weight per target token, {@link #tokenWeights}: 1 for uniform, a_k / |T_k|
 * per-task. {@code DecoderModel.loss} with those label weights computes {@code sum w CE / sum w},
 * which is the formula above.
 *
 * <p>Task weights are data: two built from the same tasks and weights are {@link #equals equal} and print
 * the same, whatever order the tasks were listed in (a {@code Map.of} lists them in an order that changes
 * from one JVM start to the next), so a checkpoint's recorded weights match a resumed run's.
 */
public final class TaskWeights {
    /** FedCoT's task of generating the rationale (chain of thought). */
    public static final String RATIONALE = "rationale";
    /** FedCoT's task of generating the answer label. */
    public static final String LABEL = "label";

    private static final TaskWeights UNIFORM = new TaskWeights(Collections.emptySortedMap());
    private static final String UNIFORM_TEXT = "uniform";

    /** Task name to weight, in task-name order; empty for uniform. */
    private final SortedMap<String, Double> weights;

    private TaskWeights(SortedMap<String, Double> weights) {
        this.weights = weights;
    }

    /** Every target token counts the same, in whatever task. */
    public static TaskWeights uniform() {
        return UNIFORM;
    }

    /**
     * Per-task means combined with these weights; examples of a task not listed are refused.
     *
     * @throws IllegalArgumentException if there are no tasks, a weight is negative or not finite, or all are 0
     */
    public static TaskWeights of(Map<String, Double> taskWeights) {
        if (taskWeights.isEmpty()) {
            throw new IllegalArgumentException("task weights: no tasks given");
        }
        SortedMap<String, Double> copy = new TreeMap<>();
        double total = 0;
        for (Map.Entry<String, Double> e : taskWeights.entrySet()) {
            double w = e.getValue();
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(
                        "task weights: weight of '" + e.getKey() + "' must be finite and >= 0," + " got " + w);
            }
            copy.put(e.getKey(), w);
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("task weights: every weight is 0, so nothing would be learnt");
        }
        return new TaskWeights(Collections.unmodifiableSortedMap(copy));
    }

    /**
     * The weights {@link #toString} printed: "uniform" or "task=weight,..." in any task order.
     *
     * @throws IllegalArgumentException if {@code text} is neither, or {@link #of} refuses the weights
     */
    public static TaskWeights parse(String text) {
        if (text.equals(UNIFORM_TEXT)) {
            return UNIFORM;
        }
        Map<String, Double> w = new LinkedHashMap<>();
        for (String pair : text.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || w.put(pair.substring(0, eq), parseWeight(pair.substring(eq + 1), text)) != null) {
                throw new IllegalArgumentException("task weights: '" + text + "' is not 'uniform' nor task=weight,...");
            }
        }
        return of(w);
    }

    private static double parseWeight(String weight, String text) {
        try {
            return Double.parseDouble(weight);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("task weights: '" + weight + "' in '" + text + "' is not a number", e);
        }
    }

    /**
     * FedCoT's multi-task loss {@code alpha * L_rationale + (1 - alpha) * L_label}.
     *
     * @throws IllegalArgumentException if alpha is outside [0, 1]
     */
    public static TaskWeights fedCot(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        Map<String, Double> w = new LinkedHashMap<>();
        w.put(RATIONALE, alpha);
        w.put(LABEL, 1 - alpha);
        return of(w);
    }

    /** Whether all target tokens weigh the same. */
    public boolean isUniform() {
        return weights.isEmpty();
    }

    /** The weighted tasks (empty for uniform, which takes any task). */
    public Set<String> tasks() {
        return weights.keySet();
    }

    /** Whether examples of {@code task} may be trained on. */
    public boolean accepts(String task) {
        return isUniform() || weights.containsKey(task);
    }

    /**
     * The weight of one target token of each task, for a batch with {@code targetTokens[task]} target
     * tokens per task: 1 when uniform, else {@code a_task / targetTokens[task]}.
     *
     * @throws IllegalArgumentException for a task these weights do not list
     */
    public Map<String, Double> tokenWeights(Map<String, Long> targetTokens) {
        Map<String, Double> perToken = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : targetTokens.entrySet()) {
            String task = e.getKey();
            if (!accepts(task)) {
                throw new IllegalArgumentException("task '" + task + "' has no weight; the weighted tasks are "
                        + String.join(", ", weights.keySet()));
            }
            perToken.put(task, isUniform() ? 1.0 : weights.get(task) / e.getValue());
        }
        return perToken;
    }

    /** Whether {@code o} weighs the same tasks the same (the order they were given in does not matter). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TaskWeights other && weights.equals(other.weights);
    }

    @Override
    public int hashCode() {
        return weights.hashCode();
    }

    /** "uniform" or "label=0.7,rationale=0.3", tasks in name order, for logs and checkpoints ({@link #parse} reads it). */
    @Override
    public String toString() {
        if (isUniform()) {
            return UNIFORM_TEXT;
        }
        StringJoiner j = new StringJoiner(",");
        weights.forEach((task, w) -> j.add(task + "=" + w));
        return j.toString();
    }
}
