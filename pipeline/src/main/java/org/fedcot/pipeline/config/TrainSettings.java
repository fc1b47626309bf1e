package org.fedcot.pipeline.config;

/**
 * How the client's SLMs are trained: the paper's defaults (alpha 0.5, AdamW lr 5e-5, batch 32).
 *
 * @param alpha           weight of the rationale (FedCoT-A: encoder) loss; the label (decoder) loss gets 1 - alpha
 * @param learningRate    AdamW peak learning rate
 * @param batchSize       effective batch size
 * @param microBatch      examples per forward/backward pass (gradients accumulate to the batch)
 * @param steps           optimiser steps of the task SLM
 * @param encoderSteps    optimiser steps of FedCoT-A's encoder-decoder SLM
 * @param maxLength       longest input and longest target, in tokens (reference: 128/128); longer ones are cut
 * @param checkpointEvery steps between checkpoints, the unit a killed run resumes from
 * @param lora            LoRA adapters to train instead of every weight; null (the default) fine-tunes fully
 * @param checkpointActivations recompute each layer's activations in backward: less memory, the same
 *                        gradients (default false)
 */
public record TrainSettings(
        Double alpha,
        Double learningRate,
        Integer batchSize,
        Integer microBatch,
        Integer steps,
        Integer encoderSteps,
        Integer maxLength,
        Integer checkpointEvery,
        LoraSettings lora,
        Boolean checkpointActivations) {
    /** Fills unset values with the paper's defaults. */
    public TrainSettings {
        alpha = alpha == null ? 0.5 : alpha;
        learningRate = learningRate == null ? 5e-5 : learningRate;
        batchSize = batchSize == null ? 32 : batchSize;
        microBatch = microBatch == null ? Math.min(8, batchSize) : microBatch;
        steps = steps == null ? 400 : steps;
        encoderSteps = encoderSteps == null ? steps : encoderSteps;
        maxLength = maxLength == null ? 128 : maxLength;
        checkpointEvery = checkpointEvery == null ? 50 : checkpointEvery;
        checkpointActivations = checkpointActivations != null && checkpointActivations;
    }

    /** Settings that fine-tune every weight, keeping every activation. */
    public TrainSettings(
            Double alpha,
            Double learningRate,
            Integer batchSize,
            Integer microBatch,
            Integer steps,
            Integer encoderSteps,
            Integer maxLength,
            Integer checkpointEvery) {
        this(alpha, learningRate, batchSize, microBatch, steps, encoderSteps, maxLength, checkpointEvery, null, null);
    }

    /** The paper's defaults. */
    public static TrainSettings defaults() {
        return new TrainSettings(null, null, null, null, null, null, null, null, null, null);
    }
}
