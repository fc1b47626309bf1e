package org.fedcot.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The one look of every progress bar the commands show: ASCII (safe in any terminal and log), on
 * stderr, redrawn four times a second, with rate and ETA.
 */
public final class ProgressBars {
    private ProgressBars() {}

    /** A bar over {@code max} units named {@code unit} (e.g. " questions"), showing the rate per second. */
    public static ProgressBarBuilder of(String task, long max, String unit) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(unit, 1)
                .showSpeed()
                .setUpdateIntervalMillis(250);
    }

    /**
     * A bar over a trainer's steps, resumed at {@code startStep}, whose ETA is {@code eta} (the trainer's own
     * pace, which leaves out evaluation and checkpoint time the bar's default estimate would count).
     */
    public static ProgressBarBuilder training(String task, int totalSteps, int startStep, Supplier<Duration> eta) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalSteps)
                .startsFrom(startStep, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setEtaFunction(state -> Optional.ofNullable(eta.get()));
    }
}
