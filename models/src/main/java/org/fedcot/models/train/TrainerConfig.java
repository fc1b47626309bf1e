package org.fedcot.models.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.fedcot.models.transformer.LoraSpec;
import org.fedcot.tensor.optim.LrSchedule;

/**
 * The settings of a {@link Trainer} run, with Hugging Face TrainingArguments' defaults where it has
 * one. Build with {@link #builder(int)}. AdamW's hyper-parameters are checked by AdamW itself, when
 * the trainer is made.
 *
 * @param steps           optimiser steps to train for
 * @param batchSize       examples per optimiser step (the effective batch)
 * @param microBatchSize  examples per forward/backward pass; divides batchSize, and the gradients of
 *                        the batchSize / microBatchSize passes are accumulated (default: batchSize)
 * @param learningRate    the peak AdamW learning rate (default 5e-5)
 * @param schedule        the learning-rate schedule's shape over {@code steps} (default linear decay)
 * @param warmupSteps     steps of linear warm-up from 0 (default 0)
 * @param weightDecay     AdamW's decoupled weight decay, on every parameter (default 0)
 * @param beta1           AdamW beta1 (default 0.9)
 * @param beta2           AdamW beta2 (default 0.999)
 * @param eps             AdamW epsilon (default 1e-8)
 * @param maxGradNorm     global gradient-norm clipping threshold; 0 turns clipping off (default 1)
 * @param taskWeights     how the tasks' losses combine (default uniform)
 * @param seed            seed of the data order (default 42)
 * @param groupByLength   visit examples in length-sorted windows to pad less (default false)
 * @param padMultiple     windows are padded to a multiple of this length (default 8)
 * @param evalEvery       evaluate on the held-out set every this many steps and at the end; 0 never (default 0)
 * @param checkpointEvery write a checkpoint every this many steps; one is always written at the end (default 0)
 * @param keepCheckpoints newest checkpoints kept, older ones deleted; 0 keeps all (default 2)
 * @param lora            LoRA adapters to train instead of the whole model; null trains every parameter
 *                        (default null)
 * @param checkpointActivations recompute each layer's activations in backward instead of keeping
 *                        them: less memory, one more forward; the same gradients (default false)
 */
public record TrainerConfig(
        int steps,
        int batchSize,
        int microBatchSize,
        double learningRate,
        LrSchedule.Kind schedule,
        int warmupSteps,
        double weightDecay,
        double beta1,
        double beta2,
        double eps,
        double maxGradNorm,
        TaskWeights taskWeights,
        long seed,
        boolean groupByLength,
        int padMultiple,
        int evalEvery,
        int checkpointEvery,
        int keepCheckpoints,
        LoraSpec lora,
        boolean checkpointActivations) {
    /** The name of the task weights in {@link #trajectory()}. */
    static final String TASK_WEIGHTS = "task_weights";

    /** Checks every value; the messages name the setting. */
    public TrainerConfig {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(taskWeights, "taskWeights");
        atLeast("steps", steps, 1);
        atLeast("batch size", batchSize, 1);
        atLeast("micro-batch size", microBatchSize, 1);
        if (batchSize % microBatchSize != 0) {
            throw new IllegalArgumentException(
                    "the batch size " + batchSize + " is not a multiple of the micro-batch size " + microBatchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be positive and finite, got " + learningRate);
        }
        atLeast("warm-up steps", warmupSteps, 0);
        if (warmupSteps > steps) {
            throw new IllegalArgumentException("warm-up steps (" + warmupSteps + ") exceed the steps (" + steps + ")");
        }
        if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
            throw new IllegalArgumentException(
                    "the gradient-norm limit must be finite and >= 0 (0: no clipping), got " + maxGradNorm);
        }
        atLeast("padding multiple", padMultiple, 1);
        atLeast("evaluation interval", evalEvery, 0);
        atLeast("checkpoint interval", checkpointEvery, 0);
        atLeast("checkpoints kept", keepCheckpoints, 0);
    }

    /** A builder with the defaults, for a run of {@code steps} optimiser steps. */
    public static Builder builder(int steps) {
        return new Builder(steps);
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The learning-rate schedule over the run. */
    public LrSchedule lrSchedule() {
        return new LrSchedule(schedule, learningRate, warmupSteps, steps);
    }

    /**
     * The settings that decide the parameters' trajectory, by name: a run resumed from a checkpoint
     * reproduces the uninterrupted run only when these are unchanged. (Evaluation and checkpoint
     * intervals are left out: they change nothing the optimiser sees.)
     */
    public Map<String, String> trajectory() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("steps", Integer.toString(steps));
        t.put("batch_size", Integer.toString(batchSize));
        t.put("micro_batch_size", Integer.toString(microBatchSize));
        t.put("learning_rate", Double.toString(learningRate));
        t.put("schedule", schedule.name().toLowerCase(Locale.ROOT));
        t.put("warmup_steps", Integer.toString(warmupSteps));
        t.put("weight_decay", Double.toString(weightDecay));
        t.put("adam_beta1", Double.toString(beta1));
        t.put("adam_beta2", Double.toString(beta2));
        t.put("adam_epsilon", Double.toString(eps));
        t.put("max_grad_norm", Double.toString(maxGradNorm));
        t.put(TASK_WEIGHTS, taskWeights.toString());
        t.put("seed", Long.toString(seed));
        t.put("group_by_length", Boolean.toString(groupByLength));
        t.put("pad_multiple", Integer.toString(padMultiple));
        if (lora != null) { // only then, so that checkpoints of full fine-tuning from before LoRA still resume
            t.put("lora", lora.toString());
        }
        return t;
    }

    private static void atLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("the " + what + " must be at least " + min + ", got " + value);
        }
    }

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private int steps;
        private int batchSize = 8;
        private int microBatchSize;
        private double learningRate = 5e-5;
        private LrSchedule.Kind schedule = LrSchedule.Kind.LINEAR;
        private int warmupSteps;
        private double weightDecay;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double maxGradNorm = 1.0;
        private TaskWeights taskWeights = TaskWeights.uniform();
        private long seed = 42;
        private boolean groupByLength;
        private int padMultiple = 8;
        private int evalEvery;
        private int checkpointEvery;
        private int keepCheckpoints = 2;
        private LoraSpec lora;
        private boolean checkpointActivations;

        private Builder(int steps) {
            this.steps = steps;
        }

        private Builder(TrainerConfig c) {
            steps = c.steps;
            batchSize = c.batchSize;
            microBatchSize = c.microBatchSize;
            learningRate = c.learningRate;
            schedule = c.schedule;
            warmupSteps = c.warmupSteps;
            weightDecay = c.weightDecay;
            beta1 = c.beta1;
            beta2 = c.beta2;
            eps = c.eps;
            maxGradNorm = c.maxGradNorm;
            taskWeights = c.taskWeights;
            seed = c.seed;
            groupByLength = c.groupByLength;
            padMultiple = c.padMultiple;
            evalEvery = c.evalEvery;
            checkpointEvery = c.checkpointEvery;
            keepCheckpoints = c.keepCheckpoints;
            lora = c.lora;
            checkpointActivations = c.checkpointActivations;
        }

        public Builder steps(int v) {
            steps = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** 0 (the default) means the batch size: no accumulation. */
        public Builder microBatchSize(int v) {
            microBatchSize = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder schedule(LrSchedule.Kind v) {
            schedule = v;
            return this;
        }

        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** AdamW's betas. */
        public Builder betas(double b1, double b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        public Builder eps(double v) {
            eps = v;
            return this;
        }

        public Builder maxGradNorm(double v) {
            maxGradNorm = v;
            return this;
        }

        public Builder taskWeights(TaskWeights v) {
            taskWeights = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder groupByLength(boolean v) {
            groupByLength = v;
            return this;
        }

        public Builder padMultiple(int v) {
            padMultiple = v;
            return this;
        }

        public Builder evalEvery(int v) {
            evalEvery = v;
            return this;
        }

        public Builder checkpointEvery(int v) {
            checkpointEvery = v;
            return this;
        }

        public Builder keepCheckpoints(int v) {
            keepCheckpoints = v;
            return this;
        }

        /** LoRA adapters to train instead of the whole model; null (the default) trains every parameter. */
        public Builder lora(LoraSpec v) {
            lora = v;
            return this;
        }

        public Builder checkpointActivations(boolean v) {
            checkpointActivations = v;
            return this;
        }

        /** The config; throws naming the first bad setting. */
        public TrainerConfig build() {
            return new TrainerConfig(
                    steps,
                    batchSize,
                    microBatchSize == 0 ? batchSize : microBatchSize,
                    learningRate,
                    schedule,
                    warmupSteps,
                    weightDecay,
                    beta1,
                    beta2,
                    eps,
                    maxGradNorm,
                    taskWeights,
                    seed,
                    groupByLength,
                    padMultiple,
                    evalEvery,
                    checkpointEvery,
                    keepCheckpoints,
                    lora,
                    checkpointActivations);
        }
    }
}
