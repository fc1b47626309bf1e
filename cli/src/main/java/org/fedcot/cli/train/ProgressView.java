package org.fedcot.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.fedcot.cli.ProgressBars;
import org.fedcot.models.train.StepReport;
import org.fedcot.models.train.TrainingListener;

/**
 * Renders a training run: a progress bar over the steps (on stderr) with the loss, learning rate and
 * tokens per second, and an ETA from the trainer's own pace (evaluation and checkpoint time left
 * out, which the bar's default estimate would count); evaluations and checkpoints as lines on
 * {@code out}.
 */
final class ProgressView implements TrainingListener, AutoCloseable {
    private final PrintWriter out;
    private ProgressBar bar;
    /** Read by the bar's rendering thread. */
    private volatile Duration eta;

    ProgressView(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onStart(int step, int totalSteps) {
        bar = ProgressBars.training("train", totalSteps, step, () -> eta).build();
    }

    @Override
    public void onStep(StepReport r) {
        eta = Duration.ofMillis(Math.round(r.etaSeconds() * 1000));
        bar.stepTo(r.step());
        // short, so that the bar keeps some width on an 80-column terminal
        bar.setExtraMessage(String.format(
                Locale.ROOT, "loss %.4f lr %.1e %.0f tok/s", r.loss(), r.learningRate(), r.tokensPerSecond()));
    }

    @Override
    public void onEvaluation(int step, double loss) {
        out.printf(Locale.ROOT, "step %d: eval loss %.4f%n", step, loss);
        out.flush();
    }

    @Override
    public void onCheckpoint(int step, Path dir) {
        out.printf("step %d: checkpoint %s%n", step, dir);
        out.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
