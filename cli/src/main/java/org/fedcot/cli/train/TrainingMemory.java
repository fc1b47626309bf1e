package org.fedcot.cli.train;

import java.util.Locale;
import org.fedcot.cli.MemoryBudget;
import org.fedcot.models.transformer.TransformerConfig;

/**
 * A lower bound on the memory a training run takes, checked before the run allocates it: the weights with
 * their gradients and AdamW's two moments, the step's example list, and one forward/backward pass over
 * {@code rows} padded rows: its token arrays, its logits and their gradient (a [tokens, vocab] array each),
 * the attention probabilities and a few hidden-size activations per layer kept for the backward pass.
 */
final class TrainingMemory {
    private static final int FLOAT = Float.BYTES;

    private TrainingMemory() {}

    /**
     * Throws, naming {@code flag}, when a run of {@code batch} examples per step, {@code rows} per pass, of up
     * to {@code seq} tokens each cannot fit.
     *
     * @param flag       the flag that sets the size ("--batch 1000000")
     * @param lora       whether only LoRA adapters train: the frozen weights have no gradients or moments
     * @param halfBase   whether, with LoRA, the frozen linear weights are kept in 16 bits (two bytes a value)
     * @param checkpoint whether activations are recomputed: one layer's are kept at a time, plus each layer's input
     */
    static void check(
            String flag,
            TransformerConfig c,
            long batch,
            long rows,
            long seq,
            boolean lora,
            boolean halfBase,
            boolean checkpoint) {
        double tokens = (double) rows * seq;
        String pass = String.format(Locale.ROOT, "a pass over %,d rows of %,d tokens", rows, seq);
        MemoryBudget.requireArray(flag, "the logits of " + pass, tokens * c.vocabSize());
        MemoryBudget.requireArray(flag, "the attention of " + pass, tokens * seq * c.numHeads());
        MemoryBudget.requireArray(flag, "the step's list of examples", batch);
        double embeddings = (double) c.vocabSize() * c.hiddenSize();
        double weights = lora // else weights, gradients, two moments
                ? FLOAT * embeddings + (halfBase ? 2 : FLOAT) * linear(c)
                : 4.0 * FLOAT * (embeddings + linear(c));
        double logits = 2.0 * FLOAT * tokens * c.vocabSize();
        double perLayer =
                FLOAT * (tokens * (4.0 * c.hiddenSize() + c.intermediateSize()) + tokens * seq * c.numHeads());
        double layers =
                checkpoint ? perLayer + FLOAT * tokens * c.hiddenSize() * c.numLayers() : perLayer * c.numLayers();
        double examples = 16.0 * batch; // an order index and a reference per example, at least
        MemoryBudget.require(
                flag, "training (" + pass + ")", weights + logits + layers + examples + 3.0 * Integer.BYTES * tokens);
    }

    /**
     * The linear layers' weights every model type has at least, beside its embeddings: the attention
     * projections and two of the MLP's matrices per layer (known from the config, before any weight exists).
     */
    private static double linear(TransformerConfig c) {
        double attention = (double) c.hiddenSize() * (2.0 * c.queryDim() + 2.0 * c.kvDim());
        double mlp = 2.0 * c.hiddenSize() * c.intermediateSize();
        return c.numLayers() * (attention + mlp);
    }
}
