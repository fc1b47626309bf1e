package org.fedcot.pipeline.run;

import org.fedcot.models.train.TrainingListener;

/**
 * Follows a run, to draw progress bars: stages over records (with rate and ETA worked out by the display),
 * training through the trainer's own listener, and one-line messages. Every method does nothing by default.
 */
public interface RunListener {
    /** Follows nothing. */
    RunListener NONE = new RunListener() {};

    /** Stage {@code stage} works through {@code total} records, {@code done} of them finished by an earlier run. */
    default void stageStarted(String stage, int total, int done) {}

    /** Stage {@code stage} has finished {@code done} records. */
    default void stageProgress(String stage, int done) {}

    /** Stage {@code stage} is complete. */
    default void stageFinished(String stage) {}

    /** A listener for the training of stage {@code stage}. */
    default TrainingListener training(String stage) {
        return TrainingListener.NONE;
    }

    /** A line worth telling the user (what was skipped, where the report is). */
    default void message(String line) {}
}
