package org.fedcot.cli.demo;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.fedcot.cli.ProgressBars;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.KvCache;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.Workspace;
import org.fedcot.tensor.optim.AdamW;
import org.fedcot.tensor.optim.GradClip;
import org.fedcot.tensor.optim.LrSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fedcot demo}: the job that runs on the embedded default, with no downloads and no data.
 * For now it trains a small Llama (the models module's {@link DecoderModel}: rotary, grouped-query
 * attention, SwiGLU) with the project's own autograd and AdamW to reverse digit strings, then
 * decodes held-out strings greedily through the KV cache and reports the accuracy.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a small transformer on an embedded task (reverse a digit string) with the built-in "
                + "tensor engine, then report held-out accuracy. Needs no downloads and no data.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--steps", defaultValue = "600", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "32", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "3e-3", description = "Peak AdamW learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--digits", defaultValue = "6", description = "Digits per string (default: ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for data and initialisation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--eval", defaultValue = "500", description = "Held-out strings to evaluate (default: ${DEFAULT-VALUE}).")
    int evalCount;

    @Override
    public Integer call() {
        if (steps < 1 || batch < 1 || digits < 1 || evalCount < 1 || !(lr > 0)) {
            throw new IllegalArgumentException("--steps, --batch, --digits, --eval and --lr must be positive");
        }
        ReversalTask task = new ReversalTask(digits);
        DecoderModel model = DecoderModel.random(config(task), seed);
        System.out.printf("demo: reverse %d-digit strings; Llama with %,d parameters (2 layers, 4 query / 2 kv heads, "
                + "rotary, SwiGLU), AdamW, %d steps x %d strings%n", digits, model.parameterCount(), steps, batch);
        long start = System.nanoTime();
        float lastLoss = train(model, task);
        double seconds = (System.nanoTime() - start) / 1e9;
        double tokensPerSecond = (double) steps * batch * task.sequenceLength() / seconds;
        int[] correct = evaluate(model, task, new SplittableRandom(seed ^ 0x5DEECE66DL));
        System.out.printf("trained in %.1f s (%.0f tokens/s), final loss %.4f%n", seconds, tokensPerSecond, lastLoss);
        System.out.printf("held-out: digit accuracy %.1f%% (chance 10%%), whole-string accuracy %.1f%% over %d strings%n",
                100.0 * correct[0] / (evalCount * digits), 100.0 * correct[1] / evalCount, evalCount);
        return 0;
    }

    /** A 2-layer Llama with 4 query and 2 key/value heads, just big enough for the task. */
    private static TransformerConfig config(ReversalTask task) {
        return TransformerConfig.builder(ModelType.LLAMA).vocabSize(ReversalTask.VOCAB).hiddenSize(64)
                .intermediateSize(128).numLayers(2).numHeads(4).numKvHeads(2)
                .maxPositionEmbeddings(task.sequenceLength()).tieWordEmbeddings(false).build();
    }

    private float train(DecoderModel model, ReversalTask task) {
        AdamW opt = new AdamW(model.parameters(), lr, 0.9, 0.95, 1e-8, 0.01);
        LrSchedule schedule = LrSchedule.cosine(lr, Math.max(1, steps / 20), steps);
        SplittableRandom rng = new SplittableRandom(seed);
        Workspace ws = new Workspace();
        int T = task.sequenceLength();
        float loss = Float.NaN;
        try (ProgressBar bar = ProgressBars.of("train", steps, " steps").build()) {
            for (int step = 0; step < steps; step++) {
                int[][] data = task.batch(rng, batch);
                try (Workspace.Scope ignored = ws.enter()) {
                    opt.zeroGrad();
                    Tensor l = model.loss(data[0], data[1], batch, T);
                    l.backward();
                    GradClip.clipGlobalNorm(model.parameters(), 1.0);
                    opt.setLearningRate(schedule.lr(step));
                    opt.step();
                    loss = l.item();
                }
                bar.step();
                bar.setExtraMessage(String.format(" loss %.4f", loss));
            }
        }
        return loss;
    }

    /** Greedy decoding of every held-out string at once, through the KV cache; returns {digits right, strings right}. */
    private int[] evaluate(DecoderModel model, ReversalTask task, SplittableRandom rng) {
        int L = task.length();
        int[][] want = new int[evalCount][];
        int[] prompt = new int[evalCount * (L + 1)];
        for (int i = 0; i < evalCount; i++) {
            want[i] = task.sequence(task.digits(rng));
            System.arraycopy(want[i], 0, prompt, i * (L + 1), L + 1);
        }
        int[] right = new int[2];
        boolean[] allRight = new boolean[evalCount];
        Arrays.fill(allRight, true);
        KvCache cache = model.newCache(evalCount, task.sequenceLength());
        int[] next = prompt;
        for (int t = L + 1; t <= 2 * L; t++) {
            Tensor logits = model.forward(cache, next, false);
            next = new int[evalCount];
            for (int i = 0; i < evalCount; i++) {
                next[i] = argmax(logits.data(), logits.offset() + i * ReversalTask.VOCAB, ReversalTask.VOCAB);
                boolean ok = next[i] == want[i][t];
                right[0] += ok ? 1 : 0;
                allRight[i] &= ok;
            }
        }
        for (boolean ok : allRight) {
            right[1] += ok ? 1 : 0;
        }
        return right;
    }

    private static int argmax(float[] row, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (row[off + i] > row[off + best]) {
                best = i;
            }
        }
        return best;
    }
}
