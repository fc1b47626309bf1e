package org.fedcot.models.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

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
 */
public final class TaskWeights {
    /** FedCoT's task of generating the rationale (chain of thought). */
    public static final String RATIONALE = "rationale";
    /** FedCoT's task of generating the answer label. */
    public static final String LABEL = "label";

    private static final TaskWeights UNIFORM = new TaskWeights(Map.of());

    /** Task name to weight; empty for uniform. */
    private final Map<String, Double> weights;

    private TaskWeights(Map<String, Double> weights) {
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
        Map<String, Double> copy = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> e : taskWeights.entrySet()) {
            double w = e.getValue();
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("task weights: weight of '" + e.getKey() + "' must be finite and >= 0,"
                        + " got " + w);
            }
            copy.put(e.getKey(), w);
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("task weights: every weight is 0, so nothing would be learnt");
        }
        return new TaskWeights(Collections.unmodifiableMap(copy));
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

    /** "uniform" or "rationale=0.3,label=0.7", for logs and checkpoints. */
    @Override
    public String toString() {
        if (isUniform()) {
            return "uniform";
        }
        StringJoiner j = new StringJoiner(",");
        weights.forEach((task, w) -> j.add(task + "=" + w));
        return j.toString();
    }
}
