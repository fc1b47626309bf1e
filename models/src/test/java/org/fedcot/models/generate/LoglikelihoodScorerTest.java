package org.fedcot.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Log-likelihood scoring: batched (with padding) equals one request at a time, both equal a direct sum
 * of log-softmax over {@link DecoderModel#logits}, and the greedy flag is the argmax check.
 */
class LoglikelihoodScorerTest {
    /** Float32 logits summed in double over a few tokens: agreement to 1e-5 of a value around 10. */
    private static final double TOL = 1e-5;

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void batchedScoresEqualOneByOneAndTheDirectLogSoftmaxSum(ModelType type) {
        DecoderModel model = DecoderModel.random(TestModels.tiny(type, true), 3);
        List<ScoringRequest> requests = requests(model.config().vocabSize(), 9, 17);
        List<Loglikelihood> batched = new LoglikelihoodScorer(model, 4).score(requests);
        LoglikelihoodScorer single = new LoglikelihoodScorer(model, 1);
        for (int i = 0; i < requests.size(); i++) {
            ScoringRequest r = requests.get(i);
            Loglikelihood alone = single.score(List.of(r)).getFirst();
            Loglikelihood direct = direct(model, r);
            assertEquals(alone.logProb(), batched.get(i).logProb(), TOL, "request " + i + ": batched vs alone");
            assertEquals(direct.logProb(), batched.get(i).logProb(), TOL, "request " + i + ": batched vs direct");
            assertEquals(direct.greedy(), batched.get(i).greedy(), "request " + i + " greedy flag");
            assertEquals(alone.greedy(), batched.get(i).greedy(), "request " + i + " greedy flag alone");
            assertTrue(batched.get(i).logProb() < 0);
        }
    }

    /** Multiple-choice shaped requests: contexts shared by several choices, some cut to maxLength, small batches. */
    @ParameterizedTest
    @EnumSource(ModelType.class)
    void sharedContextsScoreAsTheDirectLogSoftmaxSum(ModelType type) {
        DecoderModel model = DecoderModel.random(TestModels.tiny(type, false), 5);
        int vocab = model.config().vocabSize();
        SplittableRandom rng = new SplittableRandom(23);
        List<ScoringRequest> requests = new ArrayList<>();
        for (int q = 0; q < 7; q++) {
            int[] ctx = TestModels.randomIds(1 + rng.nextInt(q % 2 == 0 ? 6 : 14), vocab, rng.nextLong());
            for (int c = 0; c < 1 + rng.nextInt(4); c++) {
                requests.add(new ScoringRequest(ctx, TestModels.randomIds(1 + rng.nextInt(5), vocab, rng.nextLong())));
            }
        }
        int maxLength = 12;
        for (int maxBatch : new int[] {1, 3, 64}) {
            List<Loglikelihood> scored = new LoglikelihoodScorer(model, maxBatch, maxLength).score(requests);
            for (int i = 0; i < requests.size(); i++) {
                Loglikelihood direct = direct(model, truncated(requests.get(i), maxLength));
                assertEquals(direct.logProb(), scored.get(i).logProb(), 1e-4, "batch " + maxBatch + " request " + i);
                assertEquals(
                        direct.greedy(), scored.get(i).greedy(), "batch " + maxBatch + " request " + i + " greedy");
            }
        }
    }

    @Test
    void theGreedyContinuationIsFlaggedGreedy() {
        DecoderModel model = DecoderModel.random(TestModels.tiny(ModelType.LLAMA, false), 8);
        int[] context = {4, 8, 15, 16, 23};
        int[] greedy = new Generator(model, (p, g) -> "")
                .generate(context, GenerationOptions.of(4, java.util.Set.of()), Sampler.greedy())
                .ids();
        int[] other = greedy.clone();
        other[2] = (other[2] + 1) % model.config().vocabSize();
        List<Loglikelihood> s = new LoglikelihoodScorer(model, 8)
                .score(List.of(new ScoringRequest(context, greedy), new ScoringRequest(context, other)));
        assertTrue(s.get(0).greedy());
        assertTrue(!s.get(1).greedy());
        assertTrue(s.get(0).logProb() > s.get(1).logProb(), "the greedy path is the more likely here");
    }

    @Test
    void longRequestsKeepTheirRightmostTokens() {
        DecoderModel model = DecoderModel.random(TestModels.tiny(ModelType.GPT_NEOX, false), 2);
        int[] ctx = TestModels.randomIds(30, model.config().vocabSize(), 1);
        int[] cont = {5, 6, 7};
        double truncated = new LoglikelihoodScorer(model, 2, 12)
                .score(List.of(new ScoringRequest(ctx, cont)))
                .getFirst()
                .logProb();
        // the same as scoring the last 12 - 3 + 1 = 10 context tokens untruncated
        int[] tail = Arrays.copyOfRange(ctx, ctx.length - 10, ctx.length);
        assertEquals(direct(model, new ScoringRequest(tail, cont)).logProb(), truncated, TOL);
        assertThrows(IllegalArgumentException.class, () -> new LoglikelihoodScorer(model, 2, 2)
                .score(List.of(new ScoringRequest(ctx, cont))));
        assertThrows(IllegalArgumentException.class, () -> new LoglikelihoodScorer(model, 2)
                .score(List.of(new ScoringRequest(ctx, new int[] {model.config().vocabSize()}))));
        assertThrows(IllegalArgumentException.class, () -> new ScoringRequest(new int[0], cont));
    }

    /** Requests of varied lengths (1..maxCtx context, 1..maxCont continuation). */
    private static List<ScoringRequest> requests(int vocab, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ScoringRequest> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] ctx = TestModels.randomIds(1 + rng.nextInt(12), vocab, rng.nextLong());
            int[] cont = TestModels.randomIds(1 + rng.nextInt(5), vocab, rng.nextLong());
            out.add(new ScoringRequest(ctx, cont));
        }
        return out;
    }

    /** The request with the context cut so that context + continuation - 1 tokens fit maxLength. */
    private static ScoringRequest truncated(ScoringRequest r, int maxLength) {
        int[] ctx = r.context();
        int keep = Math.min(ctx.length, maxLength - r.continuation().length + 1);
        return new ScoringRequest(Arrays.copyOfRange(ctx, ctx.length - keep, ctx.length), r.continuation());
    }

    /** The definition: log-softmax of the training forward's logits at each continuation token, summed in double. */
    private static Loglikelihood direct(DecoderModel model, ScoringRequest r) {
        int[] ctx = r.context();
        int[] cont = r.continuation();
        int[] ids = new int[ctx.length + cont.length - 1];
        System.arraycopy(ctx, 0, ids, 0, ctx.length);
        System.arraycopy(cont, 0, ids, ctx.length, cont.length - 1);
        Tensor logits;
        try (NoGrad ignored = NoGrad.enter()) {
            logits = model.logits(ids, 1, ids.length);
        }
        int V = model.config().vocabSize();
        double sum = 0;
        boolean greedy = true;
        for (int j = 0; j < cont.length; j++) {
            int row = (ctx.length - 1 + j) * V;
            double max = Double.NEGATIVE_INFINITY;
            int argmax = -1;
            for (int v = 0; v < V; v++) {
                if (logits.get(row + v) > max) {
                    max = logits.get(row + v);
                    argmax = v;
                }
            }
            double z = 0;
            for (int v = 0; v < V; v++) {
                z += Math.exp(logits.get(row + v) - max);
            }
            sum += logits.get(row + cont[j]) - max - Math.log(z);
            greedy &= argmax == cont[j];
        }
        return new Loglikelihood(sum, greedy);
    }
}
