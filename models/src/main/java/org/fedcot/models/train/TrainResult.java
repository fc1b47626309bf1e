package org.fedcot.models.train;

/**
 * How a {@link Trainer#train} call ended.
 *
 * @param step         steps done in all (resumed steps included)
 * @param loss         the last step's loss; NaN when this call ran no step
 * @param evalLoss     the last held-out loss; NaN when none was computed
 * @param seconds      wall time of this call
 */
public record TrainResult(int step, double loss, double evalLoss, double seconds) {}
