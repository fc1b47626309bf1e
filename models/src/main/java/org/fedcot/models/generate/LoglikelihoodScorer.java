package org.fedcot.models.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.KvCache;
import org.fedcot.tensor.Tensor;

/**
 * Log-likelihoods of continuations given contexts, batched, as lm-evaluation-harness's
 * {@code loglikelihood} computes them for multiple-choice tasks: the model reads
 * {@code (context + continuation)} without its last token, keeping at most {@code maxLength} tokens
 * from the right, and each continuation token is scored at the position before it.
 *
 * <p>Requests whose inputs agree up to the position predicting their first continuation token (the
 * choices of one question) share a {@link SharedPrefix}, fed once: prefixes are sorted by length,
 * longest first, cut into batches of similar lengths, each right-padded to its longest row, and their
 * keys and values kept in a cache. Each continuation's remaining tokens are then fed over a copy of
 * its prefix's cache row, continuations of equally long prefixes side by side, right-padded. Padding
 * never changes a score: positions attend only to earlier ones, so the pads after a row's tokens are
 * never seen by them, and a copy takes only the prefix's own positions. The output layer runs only on
 * the positions whose log-probabilities are read.
 */
public final class LoglikelihoodScorer {
    /**
     * Most logits floats a batch of rows as wide as its longest could produce (256 MB), so large
     * vocabularies get smaller batches and the activations of one pass stay bounded.
     */
    private static final long LOGITS_BUDGET = 64L << 20;
    /** Any valid id serves as padding; it is never attended to. */
    private static final int PAD = 0;

    private final DecoderModel model;
    private final int maxBatch;
    private final int maxLength;

    /** A scorer of at most {@code maxBatch} rows (prefixes or continuations) per forward pass and the model's context length. */
    public LoglikelihoodScorer(DecoderModel model, int maxBatch) {
        this(model, maxBatch, model.config().maxPositionEmbeddings());
    }

    /** A scorer that keeps at most {@code maxLength} tokens of each request (the rightmost). */
    public LoglikelihoodScorer(DecoderModel model, int maxBatch, int maxLength) {
        if (maxBatch <= 0 || maxLength <= 0) {
            throw new IllegalArgumentException(
                    "scorer: maxBatch " + maxBatch + " and maxLength " + maxLength + " must be positive");
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.maxLength = maxLength;
    }

    /** A continuation whose later tokens are fed over row {@code row} of its prefix batch's cache. */
    private record Tail(int request, int row) {}

    /** Each request's log-probability and greedy flag, summed position by position in continuation order. */
    private static final class Sums {
        final double[] logProb;
        final boolean[] greedy;

        Sums(int n) {
            logProb = new double[n];
            greedy = new boolean[n];
            Arrays.fill(greedy, true);
        }

        /** Adds the score of {@code target} under logits row {@code row} to request {@code request}. */
        void add(int request, Tensor logits, int row, int target) {
            int V = logits.dim(-1);
            int off = logits.offset() + row * V;
            logProb[request] += logits.hostData()[off + target] - Logits.logSumExp(logits.hostData(), off, V);
            greedy[request] &= Logits.argmax(logits.hostData(), off, V) == target;
        }
    }

    /**
     * The score of each request, in the order given.
     *
     * @throws IllegalArgumentException if a continuation is longer than maxLength or an id is outside the vocabulary
     */
    public List<Loglikelihood> score(List<ScoringRequest> requests) {
        int n = requests.size();
        int[][] prefixes = new int[n][];
        int[][] continuations = new int[n][];
        for (int i = 0; i < n; i++) {
            continuations[i] = requests.get(i).continuation();
            prefixes[i] = prefix(requests.get(i).context(), continuations[i]);
        }
        Sums sums = new Sums(n);
        List<SharedPrefix> groups = SharedPrefix.group(prefixes);
        for (int start = 0; start < groups.size(); ) {
            int end = Math.min(groups.size(), start + fit(groups.get(start).prefix().length));
            scorePrefixes(groups.subList(start, end), continuations, sums);
            start = end;
        }
        return IntStream.range(0, n)
                .mapToObj(i -> new Loglikelihood(sums.logProb[i], sums.greedy[i]))
                .toList();
    }

    /**
     * The input up to the position predicting the first continuation token: the context's tokens that
     * the rightmost maxLength of {@code (context + continuation)} without its last token keep (at least
     * one, as the continuation fits).
     */
    private int[] prefix(int[] ctx, int[] cont) {
        if (cont.length > maxLength) {
            throw new IllegalArgumentException("scorer: a continuation of " + cont.length
                    + " tokens does not fit the maximum length " + maxLength);
        }
        int vocab = model.config().vocabSize();
        for (int id : cont) {
            if (id < 0 || id >= vocab) { // the last one is never fed, so the embedding would not catch it
                throw new IllegalArgumentException(
                        "scorer: continuation id " + id + " is outside the vocabulary 0.." + (vocab - 1));
            }
        }
        int from = Math.max(0, ctx.length + cont.length - 1 - maxLength);
        return Arrays.copyOfRange(ctx, from, ctx.length);
    }

    /** Rows per pass whose longest row is {@code width} tokens. */
    private int fit(int width) {
        return (int) Math.max(
                1,
                Math.min(
                        maxBatch, LOGITS_BUDGET / ((long) width * model.config().vocabSize())));
    }

    /** Feeds a batch of prefixes (longest first), scores every member's first token, then their tails. */
    private void scorePrefixes(List<SharedPrefix> batch, int[][] continuations, Sums sums) {
        int B = batch.size();
        int width = batch.getFirst().prefix().length;
        int[] ids = new int[B * width];
        Arrays.fill(ids, PAD);
        int[] last = new int[B];
        for (int b = 0; b < B; b++) {
            int[] prefix = batch.get(b).prefix();
            System.arraycopy(prefix, 0, ids, b * width, prefix.length);
            last[b] = b * width + prefix.length - 1;
        }
        KvCache cache = model.newCache(B, width);
        Tensor logits = model.forward(cache, ids, last);
        for (int b = 0; b < B; b++) {
            for (int m : batch.get(b).members()) {
                sums.add(m, logits, b, continuations[m][0]);
            }
        }
        // tails continue at the same position only over prefixes of the same length
        for (int from = 0, to; from < B; from = to) {
            int length = batch.get(from).prefix().length;
            List<Tail> tails = new ArrayList<>();
            for (to = from; to < B && batch.get(to).prefix().length == length; to++) {
                for (int m : batch.get(to).members()) {
                    if (continuations[m].length > 1) {
                        tails.add(new Tail(m, to));
                    }
                }
            }
            tails.sort(Comparator.comparingInt((Tail t) -> continuations[t.request()].length)
                    .reversed());
            for (int start = 0; start < tails.size(); ) {
                int end = Math.min(
                        tails.size(), start + fit(continuations[tails.get(start).request()].length - 1));
                scoreTails(cache, length, tails.subList(start, end), continuations, sums);
                start = end;
            }
        }
    }

    /**
     * Feeds every continuation but its last token over a copy of its prefix's cache row (all the
     * prefixes {@code length} tokens long) and scores its tokens after the first.
     */
    private void scoreTails(KvCache prefixes, int length, List<Tail> tails, int[][] continuations, Sums sums) {
        int n = tails.size();
        int width = continuations[tails.getFirst().request()].length - 1;
        int[] ids = new int[n * width];
        Arrays.fill(ids, PAD);
        int[] rows = new int[n];
        int[] positions = new int
                [tails.stream()
                        .mapToInt(t -> continuations[t.request()].length - 1)
                        .sum()];
        for (int i = 0, p = 0; i < n; i++) {
            int[] cont = continuations[tails.get(i).request()];
            rows[i] = tails.get(i).row();
            System.arraycopy(cont, 0, ids, i * width, cont.length - 1);
            for (int t = 0; t < cont.length - 1; t++) {
                positions[p++] = i * width + t;
            }
        }
        Tensor logits = model.forward(prefixes.gather(rows, length, length + width), ids, positions);
        for (int i = 0, p = 0; i < n; i++) {
            int[] cont = continuations[tails.get(i).request()];
            for (int t = 1; t < cont.length; t++) {
                sums.add(tails.get(i).request(), logits, p++, cont[t]);
            }
        }
    }
}
