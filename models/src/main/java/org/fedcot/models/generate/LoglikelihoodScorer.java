package org.fedcot.models.generate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.tensor.Tensor;

/**
 * Log-likelihoods of continuations given contexts, batched, as lm-evaluation-harness's
 * {@code loglikelihood} computes them for multiple-choice tasks: the model reads
 * {@code (context + continuation)} without its last token, keeping at most {@code maxLength} tokens
 * from the right, and each continuation token is scored at the position before it.
 *
 * <p>Requests are sorted by length, longest first, and cut into batches of similar lengths, each
 * right-padded to its longest row. Padding never changes a score: positions attend only to earlier
 * ones, so the pads after a row's tokens are never seen by them, and their own logits are not read.
 */
public final class LoglikelihoodScorer {
    /** Most logits floats one batch may produce (256 MB), so large vocabularies get smaller batches. */
    private static final long LOGITS_BUDGET = 64L << 20;
    /** Any valid id serves as padding; it is never attended to. */
    private static final int PAD = 0;

    private final DecoderModel model;
    private final int maxBatch;
    private final int maxLength;

    /** A scorer of at most {@code maxBatch} requests per forward pass and the model's context length. */
    public LoglikelihoodScorer(DecoderModel model, int maxBatch) {
        this(model, maxBatch, model.config().maxPositionEmbeddings());
    }

    /** A scorer that keeps at most {@code maxLength} tokens of each request (the rightmost). */
    public LoglikelihoodScorer(DecoderModel model, int maxBatch, int maxLength) {
        if (maxBatch <= 0 || maxLength <= 0) {
            throw new IllegalArgumentException("scorer: maxBatch " + maxBatch + " and maxLength " + maxLength
                    + " must be positive");
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.maxLength = maxLength;
    }

    /** One model input: the tokens fed, and how many at its end predict continuation tokens. */
    private record Window(int[] input, int[] continuation) {
    }

    /**
     * The score of each request, in the order given.
     *
     * @throws IllegalArgumentException if a continuation is longer than maxLength or an id is outside the vocabulary
     */
    public List<Loglikelihood> score(List<ScoringRequest> requests) {
        Window[] windows = requests.stream().map(this::window).toArray(Window[]::new);
        Integer[] order = IntStream.range(0, windows.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> windows[i].input.length).reversed());
        Loglikelihood[] results = new Loglikelihood[windows.length];
        long vocab = model.config().vocabSize();
        for (int start = 0; start < order.length; ) {
            int seqLen = windows[order[start]].input.length;
            int fit = (int) Math.max(1, Math.min(maxBatch, LOGITS_BUDGET / (seqLen * vocab)));
            int end = Math.min(order.length, start + fit);
            scoreBatch(windows, Arrays.copyOfRange(order, start, end), seqLen, results);
            start = end;
        }
        return List.of(results);
    }

    private Window window(ScoringRequest r) {
        int[] cont = r.continuation();
        if (cont.length > maxLength) {
            throw new IllegalArgumentException("scorer: a continuation of " + cont.length
                    + " tokens does not fit the maximum length " + maxLength);
        }
        int vocab = model.config().vocabSize();
        for (int id : cont) {
            if (id < 0 || id >= vocab) { // the last one is never fed, so the embedding would not catch it
                throw new IllegalArgumentException("scorer: continuation id " + id + " is outside the vocabulary 0.."
                        + (vocab - 1));
            }
        }
        int[] ctx = r.context();
        int total = ctx.length + cont.length - 1;
        int from = Math.max(0, total - maxLength);
        int[] input = new int[total - from];
        for (int i = from; i < total; i++) {
            input[i - from] = i < ctx.length ? ctx[i] : cont[i - ctx.length];
        }
        return new Window(input, cont);
    }

    private void scoreBatch(Window[] windows, Integer[] rows, int seqLen, Loglikelihood[] results) {
        int B = rows.length;
        int[] ids = new int[B * seqLen];
        Arrays.fill(ids, PAD);
        for (int b = 0; b < B; b++) {
            int[] input = windows[rows[b]].input;
            System.arraycopy(input, 0, ids, b * seqLen, input.length);
        }
        Tensor logits = model.forward(model.newCache(B, seqLen), ids, true);
        int V = model.config().vocabSize();
        for (int b = 0; b < B; b++) {
            Window w = windows[rows[b]];
            int first = w.input.length - w.continuation.length; // position predicting the first continuation token
            double logProb = 0;
            boolean greedy = true;
            for (int j = 0; j < w.continuation.length; j++) {
                int off = logits.offset() + (b * seqLen + first + j) * V;
                int target = w.continuation[j];
                logProb += logits.data()[off + target] - Logits.logSumExp(logits.data(), off, V);
                greedy &= Logits.argmax(logits.data(), off, V) == target;
            }
            results[rows[b]] = new Loglikelihood(logProb, greedy);
        }
    }
}
