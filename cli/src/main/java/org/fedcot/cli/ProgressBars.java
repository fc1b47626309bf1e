package org.fedcot.cli;

import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The one look of every progress bar the commands show: ASCII (safe in any terminal and log), on
 * stderr, redrawn four times a second, with rate and ETA.
 */
public final class ProgressBars {
    private ProgressBars() {
    }

    /** A bar over {@code max} units named {@code unit} (e.g. " questions"), showing the rate per second. */
    public static ProgressBarBuilder of(String task, long max, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUnit(unit, 1).showSpeed().setUpdateIntervalMillis(250);
    }
}
