package org.fedcot.models.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;

/** Tiny models, random examples and a direct (per-token, double) loss computation for the trainer tests. */
final class TrainFixtures {
    private TrainFixtures() {}

    /** A tiny Llama with grouped-query attention (vocab 37). */
    static DecoderModel tinyModel(long seed) {
        return DecoderModel.random(TestModels.tiny(ModelType.LLAMA, true), seed);
    }

    /** {@code n} examples of random tokens, prompts of 1..5 and targets of 1..6 tokens, tasks alternating over {@code tasks}. */
    static List<Example> examples(int n, int vocab, long seed, String... tasks) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Example.of(
                    ids(rng, 1 + rng.nextInt(5), vocab), ids(rng, 1 + rng.nextInt(6), vocab), tasks[i % tasks.length]));
        }
        return out;
    }

    private static int[] ids(SplittableRandom rng, int n, int vocab) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = rng.nextInt(vocab);
        }
        return ids;
    }

    /**
     * The cross-entropy of each target token of {@code e}, from the logits of the example alone
     * (unpadded, batch of one), in double: position p - 1 predicts token p.
     */
    static double[] targetTokenLosses(DecoderModel model, Example e) {
        int len = e.length();
        int vocab = model.config().vocabSize();
        float[] logits;
        try (NoGrad ignored = NoGrad.enter()) {
            int[] ids = new int[len];
            for (int i = 0; i < len; i++) {
                ids[i] = e.token(i);
            }
            logits = model.logits(ids, 1, len).toArray();
        }
        double[] losses = new double[e.targetLength()];
        for (int j = 0; j < losses.length; j++) {
            int p = e.promptLength() + j;
            int row = (p - 1) * vocab;
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                max = Math.max(max, logits[row + v]);
            }
            double sum = 0;
            for (int v = 0; v < vocab; v++) {
                sum += Math.exp(logits[row + v] - max);
            }
            losses[j] = max + Math.log(sum) - logits[row + e.token(p)];
        }
        return losses;
    }

    /** Mean of the target-token losses of the examples of {@code task} (all examples when task is null). */
    static double meanLoss(DecoderModel model, List<Example> examples, String task) {
        double sum = 0;
        long n = 0;
        for (Example e : examples) {
            if (task == null || task.equals(e.task())) {
                for (double l : targetTokenLosses(model, e)) {
                    sum += l;
                    n++;
                }
            }
        }
        return sum / n;
    }

    /** Copies of every parameter's gradient, in parameter order. */
    static List<float[]> grads(DecoderModel model) {
        List<float[]> out = new ArrayList<>();
        for (Tensor p : model.parameters()) {
            out.add(p.grad().toArray());
        }
        return out;
    }

    /** Copies of every parameter's values, in parameter order. */
    static List<float[]> values(DecoderModel model) {
        List<float[]> out = new ArrayList<>();
        for (Tensor p : model.parameters()) {
            out.add(p.toArray());
        }
        return out;
    }

    /** Zeroes every gradient (allocating it first if needed). */
    static void zeroGrads(DecoderModel model) {
        for (Tensor p : model.parameters()) {
            p.gradBuffer();
            p.zeroGrad();
        }
    }

    /** {@code max |a - b| / max |b|} over all arrays together. */
    static double relativeDifference(List<float[]> a, List<float[]> b) {
        double diff = 0;
        double ref = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                diff = Math.max(diff, Math.abs(a.get(i)[j] - b.get(i)[j]));
                ref = Math.max(ref, Math.abs(b.get(i)[j]));
            }
        }
        return diff / ref;
    }
}
