package org.fedcot.models.train;

import java.nio.file.Path;

/**
 * Receives a {@link Trainer}'s progress, on the training thread; a command line renders it as a
 * progress bar. Every method does nothing by default. An exception thrown here stops training (the
 * last checkpoint remains to resume from).
 */
public interface TrainingListener {
    /** Listens to nothing. */
    TrainingListener NONE = new TrainingListener() {};

    /** Training starts (or resumes) at {@code step} of {@code totalSteps}. */
    default void onStart(int step, int totalSteps) {}

    /** An optimiser step has finished. */
    default void onStep(StepReport report) {}

    /** The held-out set was evaluated after {@code step} steps: its mean (task-weighted) loss. */
    default void onEvaluation(int step, double loss) {}

    /** A checkpoint of the state after {@code step} steps is complete in {@code dir}. */
    default void onCheckpoint(int step, Path dir) {}
}
