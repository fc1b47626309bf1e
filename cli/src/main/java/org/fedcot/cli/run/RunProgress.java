package org.fedcot.cli.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.fedcot.cli.ProgressBars;
import org.fedcot.models.train.StepReport;
import org.fedcot.models.train.TrainingListener;
import org.fedcot.pipeline.run.RunListener;

/**
 * Draws a run on stderr: a bar per stage with its rate and ETA (records finished by an earlier run count as
 * the start, not as speed), a bar per training with loss and the trainer's own ETA, and messages as lines.
 */
public final class RunProgress implements RunListener, AutoCloseable {
    private final PrintWriter out;
    private ProgressBar bar;
    /** Read by the bar's rendering thread. */
    private volatile Duration trainingEta;

    /** Draws on {@code out}. */
    public RunProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void stageStarted(String stage, int total, int done) {
        close();
        bar = ProgressBars.of(stage, total, "").startsFrom(done, Duration.ZERO).build();
    }

    @Override
    public void stageProgress(String stage, int done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void stageFinished(String stage) {
        close();
    }

    @Override
    public TrainingListener training(String stage) {
        return new TrainingListener() {
            @Override
            public void onStart(int step, int totalSteps) {
                RunProgress.this.close();
                trainingEta = null;
                bar = ProgressBars.training("train " + stage, totalSteps, step, () -> trainingEta)
                        .build();
            }

            @Override
            public void onStep(StepReport r) {
                trainingEta = Duration.ofMillis(Math.round(r.etaSeconds() * 1000));
                bar.stepTo(r.step());
                bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f %.0f tok/s", r.loss(), r.tokensPerSecond()));
            }
        };
    }

    @Override
    public void message(String line) {
        out.println(line);
        out.flush();
    }

    /** Ends the bar on screen, if one is drawn. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
