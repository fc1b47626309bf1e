package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;

/**
 * Cross-entropy of logits [..., V] against integer targets, as a weighted mean:
 * {@code loss = sum_n w_n * CE_n / sum_n w_n} over rows whose target is not {@code ignoreIndex}.
 * With all weights 1 this is PyTorch's mean reduction with ignore_index. Per-row weights give
 * alpha-weighted multi-task losses: weight task rows alpha / n_task so the weights sum to 1.
 */
public final class CrossEntropy {
    /** Hugging Face's label for positions that carry no loss. */
    public static final int IGNORE_INDEX = -100;

    private CrossEntropy() {}

    public static Tensor loss(Tensor logits, int[] targets) {
        return loss(logits, targets, null, IGNORE_INDEX);
    }

    /** A checked entry point: targets in range, weights finite and non-negative, logits finite. */
    public static Tensor loss(Tensor logits, int[] targets, float[] rowWeights, int ignoreIndex) {
        int V = logits.dim(-1);
        int N = Shapes.rows(logits);
        if (targets.length != N) {
            throw new IllegalArgumentException("crossEntropy: " + logits.name() + " has " + N + " rows but "
                    + targets.length + " targets were given");
        }
        if (rowWeights != null && rowWeights.length != N) {
            throw new IllegalArgumentException(
                    "crossEntropy: " + N + " rows but " + rowWeights.length + " row weights");
        }
        double weightSum = 0;
        for (int n = 0; n < N; n++) {
            int t = targets[n];
            if (t == ignoreIndex) {
                continue;
            }
            if (t < 0 || t >= V) {
                throw new IllegalArgumentException("crossEntropy: target " + t + " at row " + n + " is outside [0, " + V
                        + ") (ignore index is " + ignoreIndex + ")");
            }
            float w = rowWeights == null ? 1f : rowWeights[n];
            if (!(w >= 0f) || Float.isInfinite(w)) {
                throw new IllegalArgumentException(
                        "crossEntropy: row weight " + w + " at row " + n + " must be finite and >= 0");
            }
            weightSum += w;
        }
        float[] rowLoss = Tensor.output(N).storage();
        float[] lse = Tensor.output(N).storage();
        Backend.current()
                .crossEntropyForward(rowLoss, lse, logits.storage(), logits.offset(), targets, N, V, ignoreIndex);
        // only the N row losses and log-sum-exps come home, not the [N, V] logits
        Backend.host(rowLoss);
        Backend.host(lse);
        requireFinite(logits, lse, N);
        double total = 0;
        for (int n = 0; n < N; n++) {
            total += (rowWeights == null ? 1f : rowWeights[n]) * (double) rowLoss[n];
        }
        // no counted row gives 0/0; PyTorch returns NaN there, a zero loss with zero gradient is kinder
        double norm = weightSum > 0 ? weightSum : 1;
        Tensor out = Tensor.output(1);
        out.hostData()[0] = (float) (total / norm);
        out.recordBackward(
                () -> {
                    float g = out.grad().item();
                    float[] rowScale = Tensor.output(N).hostData();
                    for (int n = 0; n < N; n++) {
                        // the kernels read a zero scale as "no gradient", which is how ignored rows reach them
                        rowScale[n] = targets[n] == ignoreIndex
                                ? 0f
                                : (float) (g * (rowWeights == null ? 1f : rowWeights[n]) / norm);
                    }
                    // the kernels write every element, so a first gradient needs no zero fill
                    GradTarget dl = logits.gradTarget(true);
                    Backend.current()
                            .crossEntropyBackward(
                                    dl.storage(),
                                    dl.offset(),
                                    logits.storage(),
                                    logits.offset(),
                                    lse,
                                    targets,
                                    rowScale,
                                    N,
                                    V,
                                    dl.accumulate());
                },
                logits);
        return out;
    }

    /**
     * The kernels give a row holding a NaN or an infinity a NaN log-sum-exp, so N values tell whether
     * all N * V logits are finite; only then does the full scan run, to name the first bad element.
     */
    private static void requireFinite(Tensor logits, float[] lse, int N) {
        for (int n = 0; n < N; n++) {
            if (!Float.isFinite(lse[n])) {
                logits.checkFinite("crossEntropy logits");
                return;
            }
        }
    }
}
