package org.fedcot.models.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.Workspace;
import org.fedcot.tensor.ops.Elementwise;

/**
 * The task-weighted loss (see {@link TaskWeights}) of a set of examples, computed in micro-batches so
 * that the sum over micro-batches is the loss of the whole set as one batch, and so are the
 * accumulated gradients.
 *
 * <p>The per-token weights w come from the whole set's task counts. A micro-batch's
 * {@code DecoderModel.loss} is {@code sum_mb w CE / sum_mb w}; scaling it by
 * {@code sum_mb w / sum_all w} makes it {@code sum_mb w CE / sum_all w}, and these add up over the
 * micro-batches to {@code sum_all w CE / sum_all w}, the one-batch loss.
 */
final class BatchLoss {
    /** Window shapes whose activations stay pooled: a few, since lengths vary from step to step. */
    private static final int POOLED_SHAPES = 4;

    private final DecoderModel model;
    private final TaskWeights taskWeights;
    private final int microBatch;
    private final int padMultiple;
    private final ShapeWorkspaces workspaces = new ShapeWorkspaces(POOLED_SHAPES);

    /** The loss's value and the real tokens it read. */
    record Result(double loss, long tokens) {}

    BatchLoss(DecoderModel model, TaskWeights taskWeights, int microBatch, int padMultiple) {
        this.model = model;
        this.taskWeights = taskWeights;
        this.microBatch = microBatch;
        this.padMultiple = padMultiple;
    }

    /**
     * Computes the loss of {@code examples} as one batch, in micro-batches of similar lengths (sorted,
     * so each pads little); with {@code backward}, accumulates its gradient into the parameters'.
     * Gradients are not zeroed here. A set whose tokens all weigh 0 has loss 0 and no gradient.
     */
    Result run(List<Example> examples, boolean backward) {
        Map<String, Double> tokenWeights = taskWeights.tokenWeights(targetTokensPerTask(examples));
        double total = 0;
        for (Example e : examples) {
            // the float weights Batch sums, so that the micro-batches' shares below add up to 1
            total += tokenWeights.get(e.task()).floatValue() * (double) e.targetLength();
        }
        List<Example> sorted = new ArrayList<>(examples);
        sorted.sort(Comparator.comparingInt(Example::length)); // stable: ties keep the data order
        double loss = 0;
        long tokens = 0;
        for (int from = 0; from < sorted.size(); from += microBatch) {
            Batch b = Batch.pack(
                    sorted.subList(from, Math.min(from + microBatch, sorted.size())), tokenWeights, padMultiple);
            tokens += b.tokens();
            if (b.weightSum() == 0) {
                continue; // nothing here counts: no loss, no gradient
            }
            try (Workspace.Scope ignored =
                    workspaces.forShape(b.rows(), b.seqLen()).enter()) {
                Tensor mean = model.loss(b.ids(), b.labels(), b.labelWeights(), b.rows(), b.seqLen());
                Tensor share = Elementwise.scale(mean, (float) (b.weightSum() / total));
                if (backward) {
                    share.backward();
                }
                loss += share.item();
            }
        }
        return new Result(loss, tokens);
    }

    private static Map<String, Long> targetTokensPerTask(List<Example> examples) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Example e : examples) {
            counts.merge(e.task(), (long) e.targetLength(), Long::sum);
        }
        return counts;
    }
}
