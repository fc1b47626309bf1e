package org.fedcot.models.train;

/**
 * What one optimiser step did, with the running totals a progress display needs for a rate and an
 * estimate of the time left. Totals count from the start of this run (not of a resumed training).
 *
 * @param step          steps done, this one included (1-based)
 * @param totalSteps    steps the training runs for
 * @param loss          the step's task-weighted loss, before the update
 * @param learningRate  the learning rate the update used
 * @param gradNorm      global gradient norm before clipping; NaN when clipping is off (not computed)
 * @param tokens        real (non-padding) tokens the step read
 * @param stepNanos     wall time of the step
 * @param runSteps      steps done in this run
 * @param runTokens     tokens read in this run
 * @param runNanos      wall time of this run's steps
 */
public record StepReport(
        int step,
        int totalSteps,
        double loss,
        double learningRate,
        double gradNorm,
        long tokens,
        long stepNanos,
        int runSteps,
        long runTokens,
        long runNanos) {
    /** Tokens per second over this run. */
    public double tokensPerSecond() {
        return runNanos == 0 ? 0 : runTokens * 1e9 / runNanos;
    }

    /** Mean seconds per step over this run. */
    public double secondsPerStep() {
        return runSteps == 0 ? 0 : runNanos / 1e9 / runSteps;
    }

    /** Estimated seconds until the last step, at this run's mean pace (evaluation and checkpoints not counted). */
    public double etaSeconds() {
        return (totalSteps - step) * secondsPerStep();
    }
}
