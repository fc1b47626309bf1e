package org.fedcot.models.tokenizer.hf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BPE model of a byte-level tokenizer: turns one pre-tokenized word (already mapped to
 * {@link ByteLevel} characters) into ids by applying merges lowest rank first, leftmost first
 * among equal ranks, exactly as Hugging Face's {@code BPE::merge_word} does.
 *
 * <p>Merged words are cached (bounded, like HF's cache: once full it stops growing), since natural
 * text repeats a small set of words. Thread-safe.
 */
final class BpeModel {
    /** Distinct words kept; a word list this size covers a large corpus (HF keeps 10,000). */
    static final int CACHE_CAPACITY = 100_000;
    /** Longer words are merged every time rather than cached, as in HF. */
    private static final int MAX_CACHED_LENGTH = 256;

    /** How unknown characters and whole-word vocabulary hits are treated ({@code unk_token} etc.). */
    record Options(String unkToken, boolean fuseUnk, boolean ignoreMerges) {
        static final Options DEFAULT = new Options(null, false, false);
    }

    private final Map<String, Integer> vocab;
    private final String[] tokens;
    private final int[] byteIds;
    private final PairRanks ranks;
    private final int[] mergedIds;
    private final long[] mergedPairs;
    private final int unkId;
    private final boolean fuseUnk;
    private final boolean ignoreMerges;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param vocab  token to id
     * @param merges pairs {@code [left, right]} in rank order
     */
    BpeModel(Map<String, Integer> vocab, List<String[]> merges, Options options) throws FormatProblem {
        // A HashMap, not Map.copyOf: the immutable map's probing is many times slower on these keys.
        this.vocab = new HashMap<>(vocab);
        this.tokens = reverse(vocab);
        this.byteIds = new int[256];
        for (int b = 0; b < 256; b++) {
            byteIds[b] = vocab.getOrDefault(String.valueOf(ByteLevel.charOf(b)), -1);
        }
        this.ranks = new PairRanks(merges.size());
        this.mergedIds = new int[merges.size()];
        this.mergedPairs = new long[merges.size()];
        for (int rank = 0; rank < merges.size(); rank++) {
            String[] pair = merges.get(rank);
            int left = idOf(pair[0], rank, pair);
            int right = idOf(pair[1], rank, pair);
            mergedIds[rank] = idOf(pair[0] + pair[1], rank, pair);
            mergedPairs[rank] = ((long) left << 32) | right;
            ranks.put(left, right, rank);
        }
        this.unkId = options.unkToken() == null ? -1 : idOrProblem(options.unkToken());
        this.fuseUnk = options.fuseUnk();
        this.ignoreMerges = options.ignoreMerges();
    }

    /** Appends the ids of {@code word}, a string of byte-level characters, to {@code out}. */
    void encode(String word, IdBuffer out) {
        if (word.isEmpty()) {
            return;
        }
        if (ignoreMerges) {
            Integer id = vocab.get(word);
            if (id != null) {
                out.add(id);
                return;
            }
        }
        int[] ids = cache.get(word);
        if (ids == null) {
            ids = merge(word);
            if (word.length() < MAX_CACHED_LENGTH && cache.size() < CACHE_CAPACITY) {
                cache.put(word, ids);
            }
        }
        out.addAll(ids);
    }

    /** The model's vocabulary, token to id. */
    Map<String, Integer> vocab() {
        return vocab;
    }

    /** The model's tokens by id; null where no token has that id. */
    String[] tokens() {
        return tokens.clone();
    }

    /** The merges in rank order, as {@code [left, right]} token pairs. */
    List<String[]> merges() {
        List<String[]> out = new ArrayList<>(mergedPairs.length);
        for (long pair : mergedPairs) {
            out.add(new String[] {tokens[(int) (pair >>> 32)], tokens[(int) pair]});
        }
        return out;
    }

    private int[] merge(String word) {
        int[] ids = new int[word.length()];
        int count = 0;
        boolean lastWasUnk = false;
        for (int i = 0; i < word.length(); i++) {
            int id = byteIds[ByteLevel.byteOf(word.charAt(i))];
            if (id >= 0) {
                ids[count++] = id;
                lastWasUnk = false;
            } else if (unkId >= 0) {
                // Without an unk token HF drops the character; with fuse_unk a run becomes one unk.
                if (!(fuseUnk && lastWasUnk)) {
                    ids[count++] = unkId;
                }
                lastWasUnk = true;
            }
        }
        if (count > 1) {
            count = mergeAll(ids, count);
        }
        return Arrays.copyOf(ids, count);
    }

    /** Applies merges to {@code ids[0..count)} in place; returns the merged length. */
    private int mergeAll(int[] ids, int count) {
        int[] next = new int[count];
        int[] prev = new int[count];
        for (int i = 0; i < count; i++) {
            next[i] = i + 1 < count ? i + 1 : -1;
            prev[i] = i - 1;
        }
        // Queue entries are (rank << 32 | left position): the smallest is the lowest rank, then the
        // leftmost, which is HF's order. Entries go stale as neighbours merge and are re-checked.
        MinLongHeap queue = new MinLongHeap(count);
        for (int i = 0; i + 1 < count; i++) {
            enqueue(queue, ids, i, i + 1);
        }
        int remaining = count;
        while (!queue.isEmpty()) {
            long top = queue.pop();
            int rank = (int) (top >>> 32);
            int pos = (int) top;
            int right = next[pos];
            if (ids[pos] < 0 || right < 0 || ranks.rank(ids[pos], ids[right]) != rank) {
                continue;
            }
            ids[pos] = mergedIds[rank];
            ids[right] = -1;
            int after = next[right];
            next[pos] = after;
            if (after >= 0) {
                prev[after] = pos;
                enqueue(queue, ids, pos, after);
            }
            if (prev[pos] >= 0) {
                enqueue(queue, ids, prev[pos], pos);
            }
            remaining--;
        }
        int out = 0;
        for (int pos = 0; pos >= 0; pos = next[pos]) {
            ids[out++] = ids[pos];
        }
        return remaining;
    }

    private void enqueue(MinLongHeap queue, int[] ids, int left, int right) {
        int rank = ranks.rank(ids[left], ids[right]);
        if (rank >= 0) {
            queue.push(((long) rank << 32) | left);
        }
    }

    private int idOf(String token, int rank, String[] pair) throws FormatProblem {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new FormatProblem("merges[" + rank + "] ('" + pair[0] + " " + pair[1] + "'): token '" + token
                    + "' is not in the vocabulary");
        }
        return id;
    }

    private int idOrProblem(String token) throws FormatProblem {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new FormatProblem("unk_token '" + token + "' is not in the vocabulary");
        }
        return id;
    }

    private static String[] reverse(Map<String, Integer> vocab) {
        int size = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        String[] tokens = new String[size];
        vocab.forEach((token, id) -> tokens[id] = token);
        return tokens;
    }
}
