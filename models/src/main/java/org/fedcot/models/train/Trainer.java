package org.fedcot.models.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fedcot.models.checkpoint.CheckpointException;
import org.fedcot.models.checkpoint.PeftAdapter;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraAdapters;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.optim.AdamW;
import org.fedcot.tensor.optim.GradClip;
import org.fedcot.tensor.optim.LrSchedule;

/**
 * Causal-LM fine-tuning of a {@link DecoderModel} on (prompt, target) {@link Example}s, in the manner
 * of Hugging Face's Trainer:
 * <ul>
 * <li>each step takes the next {@code batchSize} examples (or {@link ExampleGroup}s, see {@link #grouped})
 *     of a seeded order (a shuffle per epoch, optionally length-grouped, {@link BatchSchedule}) and computes their task-weighted loss ({@link TaskWeights}) on target
 *     tokens only, in micro-batches of similar lengths, each padded to its own longest example; the
 *     micro-batches' losses are scaled so that their accumulated gradients are the one-batch
 *     gradient (up to float rounding);</li>
 * <li>then clips the global gradient norm, sets the scheduled learning rate (Hugging Face's schedulers,
 *     {@code lr(step)} for the step about to be taken) and takes an AdamW step;</li>
 * <li>every {@code evalEvery} steps it reports the mean loss of the held-out set, and every
 *     {@code checkpointEvery} steps, and at the end, writes a {@link Checkpoints checkpoint}.</li>
 * </ul>
 * With {@link TrainerConfig#lora()} set, the trainer attaches LoRA adapters to the model
 * ({@link LoraAdapters}), freezing its own parameters, and trains and checkpoints only the adapters
 * (in PEFT's layout, see {@link PeftAdapter}); with {@link TrainerConfig#checkpointActivations()}, the
 * model recomputes its layers' activations in backward.
 * A run stopped at any point and {@link #resume resumed} from its last checkpoint ends with the very
 * same parameters, bit for bit, as one never stopped: the checkpoint holds the weights, AdamW's
 * moments and step counts, and the step, which fixes both the data position and the schedule.
 *
 * <pre>{@code
 * Trainer t = new Trainer(model, TrainerConfig.builder(1000).batchSize(16).microBatchSize(4)
 *         .learningRate(1e-4).taskWeights(TaskWeights.fedCot(0.5)).checkpointEvery(100).build(), train, heldOut);
 * Optional<Path> last = Checkpoints.latest(out);
 * if (last.isPresent()) {
 *     t.resume(last.get());
 * }
 * t.train(out, listener);
 * }</pre>
 */
public final class Trainer {
    private final DecoderModel model;
    private final TrainerConfig config;
    private final BatchSchedule schedule;
    private final List<Example> train;
    private final List<Example> eval;
    private final List<Tensor> params;
    /** The adapters being trained, or null when the whole model is. */
    private final LoraAdapters adapters;

    private final AdamW optimizer;
    private final LrSchedule lrSchedule;
    private final BatchLoss trainLoss;
    private final BatchLoss evalLoss;
    private final String fingerprint;
    private int step;
    private double lastLoss = Double.NaN;

    /**
     * A trainer at step 0 for {@code model} (trained in place), each example a group of its own.
     *
     * @param train the training examples, at least one
     * @param eval  the held-out examples, possibly none
     * @throws IllegalArgumentException naming the example (its source, else its set and index) when one
     *                                  is longer than the model's positions, holds a token outside its
     *                                  vocabulary, or has a task the task weights do not list; or when
     *                                  {@code config.lora()}'s targets match no linear layer of the model,
     *                                  or there is no {@code config.lora()} and the model holds frozen
     *                                  16-bit weights (which get no gradient)
     */
    public Trainer(DecoderModel model, TrainerConfig config, List<Example> train, List<Example> eval) {
        this(
                model,
                config,
                new BatchSchedule(train.stream().map(ExampleGroup::of).toList(), config),
                eval);
    }

    /**
     * A trainer at step 0 for {@code model} whose steps take {@code batchSize} groups each, with all their
     * examples: the examples of a group always share a batch (and its task-weighted loss).
     *
     * @param train the training groups, at least one
     * @param eval  the held-out examples, possibly none
     * @throws IllegalArgumentException as {@link #Trainer(DecoderModel, TrainerConfig, List, List)}
     */
    public static Trainer grouped(
            DecoderModel model, TrainerConfig config, List<ExampleGroup> train, List<Example> eval) {
        return new Trainer(model, Objects.requireNonNull(config, "config"), new BatchSchedule(train, config), eval);
    }

    private Trainer(DecoderModel model, TrainerConfig config, BatchSchedule schedule, List<Example> eval) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        this.schedule = schedule;
        this.train = schedule.examples();
        this.eval = List.copyOf(eval);
        check(this.train, "training");
        check(this.eval, "held-out");
        if (config.lora() == null && !model.halfWeights().isEmpty()) {
            HalfWeight w = model.halfWeights().values().iterator().next();
            throw new IllegalArgumentException("trainer: " + w.name() + " is a frozen " + w.format()
                    + " weight, which gets no gradient; train the model with LoRA, or load it with float32 weights"
                    + " to train it whole");
        }
        adapters = config.lora() == null ? null : LoraAdapters.attach(model, config.lora(), config.seed());
        params = adapters == null ? model.parameters() : adapters.parameters();
        model.checkpointActivations(config.checkpointActivations());
        // every gradient exists from the start, so AdamW steps every parameter on every step, even a
        // step whose tokens all weigh 0 and run no backward
        params.forEach(Tensor::gradBuffer);
        optimizer = new AdamW(
                params, config.learningRate(), config.beta1(), config.beta2(), config.eps(), config.weightDecay());
        lrSchedule = config.lrSchedule();
        trainLoss = new BatchLoss(model, config.taskWeights(), config.microBatchSize(), config.padMultiple());
        evalLoss = new BatchLoss(model, config.taskWeights(), config.microBatchSize(), config.padMultiple());
        fingerprint = DataFingerprint.of(schedule.groups());
    }

    /** Optimiser steps done so far (restored ones included). */
    public int step() {
        return step;
    }

    /** The LoRA adapters this trainer attached and trains, if it trains adapters rather than the whole model. */
    public Optional<LoraAdapters> adapters() {
        return Optional.ofNullable(adapters);
    }

    /** The settings. */
    public TrainerConfig config() {
        return config;
    }

    /**
     * Restores the model, the optimiser and the position from the checkpoint in {@code checkpointDir},
     * so that {@link #train} continues exactly where that run was.
     *
     * @throws CheckpointException when the checkpoint is unreadable, was made on other training data,
     *                             or with settings that change the trajectory (listed in the message);
     *                             the model is untouched then, unless its weights file is the problem
     */
    public void resume(Path checkpointDir) throws IOException {
        TrainerState s = Checkpoints.readState(checkpointDir);
        List<String> changed = TrajectoryChanges.of(s.trajectory(), config);
        if (!changed.isEmpty()) {
            throw new CheckpointException(checkpointDir + ": was trained with other settings, and resuming exactly"
                    + " needs the same ones: " + String.join(", ", changed));
        }
        int units = schedule.groups().size();
        if (s.trainExamples() != units || !s.trainFingerprint().equals(fingerprint)) {
            throw new CheckpointException(checkpointDir + ": was trained on other data (" + s.trainExamples()
                    + " examples then, " + units + " now, or different tokens); resuming would change the data order");
        }
        if (s.step() < 0 || s.step() > config.steps() || s.examplesSeen() != (long) s.step() * config.batchSize()) {
            throw new CheckpointException(checkpointDir + ": step " + s.step() + " and examples seen "
                    + s.examplesSeen() + " do not fit a run of " + config.steps() + " steps of " + config.batchSize());
        }
        Checkpoints.restore(checkpointDir, model, adapters, optimizer);
        step = s.step();
        lastLoss = s.loss();
    }

    /**
     * Trains from the current step to {@code config.steps()}.
     *
     * @param outputDir where checkpoints go ({@code checkpoint-<step>}); null writes none
     * @param listener  receives progress; an exception it throws stops training
     */
    public TrainResult train(Path outputDir, TrainingListener listener) throws IOException {
        long start = System.nanoTime();
        listener.onStart(step, config.steps());
        double evalResult = Double.NaN;
        int runSteps = 0;
        long runTokens = 0;
        long runNanos = 0;
        while (step < config.steps()) {
            long t0 = System.nanoTime();
            double lr = lrSchedule.lr(step);
            Outcome r = trainStep(lr);
            long dt = System.nanoTime() - t0;
            runSteps++;
            runTokens += r.tokens();
            runNanos += dt;
            listener.onStep(new StepReport(
                    step, config.steps(), r.loss(), lr, r.gradNorm(), r.tokens(), dt, runSteps, runTokens, runNanos));
            boolean last = step == config.steps();
            if (!eval.isEmpty() && config.evalEvery() > 0 && (last || step % config.evalEvery() == 0)) {
                evalResult = evaluate();
                listener.onEvaluation(step, evalResult);
            }
            if (outputDir != null && (last || (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0))) {
                listener.onCheckpoint(step, saveCheckpoint(outputDir));
            }
        }
        return new TrainResult(step, lastLoss, evalResult, (System.nanoTime() - start) / 1e9);
    }

    /** What a step measured: its loss, tokens read, and the gradient norm before clipping (NaN: not clipped). */
    private record Outcome(double loss, long tokens, double gradNorm) {}

    /** One optimiser step at learning rate {@code lr}: accumulate the batch's gradient, clip, update. */
    private Outcome trainStep(double lr) {
        List<Example> batch = schedule.batch(step);
        optimizer.zeroGrad();
        if (adapters != null) {
            // the step fixes the dropout masks, so a resumed run draws the same ones
            adapters.train(config.seed() * 0x9E3779B97F4A7C15L + step);
        }
        BatchLoss.Result r;
        try {
            r = trainLoss.run(batch, true);
        } finally {
            if (adapters != null) {
                adapters.eval();
            }
        }
        double gradNorm = config.maxGradNorm() > 0 ? GradClip.clipGlobalNorm(params, config.maxGradNorm()) : Double.NaN;
        optimizer.setLearningRate(lr);
        optimizer.step();
        step++;
        lastLoss = r.loss();
        return new Outcome(r.loss(), r.tokens(), gradNorm);
    }

    /** The held-out set's loss, task-weighted over the whole set as one batch; NaN when there is no held-out set. */
    public double evaluate() {
        if (eval.isEmpty()) {
            return Double.NaN;
        }
        try (NoGrad ignored = NoGrad.enter()) {
            return evalLoss.run(eval, false).loss();
        }
    }

    /**
     * Writes the checkpoint of the current step under {@code outputDir}, atomically, then deletes all but
     * the newest {@code keepCheckpoints}.
     *
     * @return the checkpoint's directory
     */
    public Path saveCheckpoint(Path outputDir) throws IOException {
        Path dir = Checkpoints.dir(outputDir, step);
        Checkpoints.save(
                dir,
                model,
                adapters,
                optimizer,
                new TrainerState(
                        step,
                        (long) step * config.batchSize(),
                        schedule.groups().size(),
                        fingerprint,
                        lastLoss,
                        config.trajectory()));
        Checkpoints.prune(outputDir, config.keepCheckpoints());
        return dir;
    }

    /** Checks every example against the model and the task weights, naming the first bad one. */
    private void check(List<Example> examples, String set) {
        TransformerConfig c = model.config();
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            String where = e.source() != null ? e.source() : set + " example " + i;
            if (e.length() > c.maxPositionEmbeddings()) {
                throw new IllegalArgumentException(
                        where + ": " + e.length() + " tokens (prompt + target), more than the" + " model's "
                                + c.maxPositionEmbeddings() + " positions");
            }
            for (int t = 0; t < e.length(); t++) {
                int id = e.token(t);
                if (id < 0 || id >= c.vocabSize()) {
                    throw new IllegalArgumentException(
                            where + ": token id " + id + " is outside the model's vocabulary" + " of " + c.vocabSize());
                }
            }
            if (!config.taskWeights().accepts(e.task())) {
                throw new IllegalArgumentException(where + ": task '" + e.task() + "' has no weight; the weighted tasks"
                        + " are " + String.join(", ", config.taskWeights().tasks()));
            }
        }
    }
}
