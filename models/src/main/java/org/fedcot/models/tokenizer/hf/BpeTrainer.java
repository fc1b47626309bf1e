package org.fedcot.models.tokenizer.hf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains a byte-level BPE tokenizer, GPT-2 style: the corpus is split with GPT-2's regex (special
 * tokens written in it are cut out first), every byte is a base token, and the most frequent
 * adjacent pair is merged until the vocabulary reaches its size. Ties go to the pair of smallest
 * ids, so the same corpus always gives the same tokenizer.
 *
 * <p>Ids: the special tokens first (0..k-1, in the order given), then the 256 byte tokens in
 * character order, then one new token per merge.
 */
public final class BpeTrainer {
    private static final int BYTE_TOKENS = 256;
    private final int vocabSize;
    private final List<String> specialTokens;

    /**
     * @param vocabSize     the size to reach: special tokens + 256 byte tokens + merges
     * @param specialTokens distinct, non-empty tokens such as {@code <|endoftext|>}, none a byte token
     * @throws IllegalArgumentException if the size leaves no room for the bytes and special tokens
     */
    public BpeTrainer(int vocabSize, List<String> specialTokens) {
        if (vocabSize < BYTE_TOKENS + specialTokens.size()) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " is smaller than the 256 byte tokens plus "
                    + specialTokens.size() + " special tokens");
        }
        if (new HashSet<>(specialTokens).size() != specialTokens.size() || specialTokens.contains("")) {
            throw new IllegalArgumentException("special tokens must be distinct and non-empty: " + specialTokens);
        }
        if (specialTokens.stream().anyMatch(t -> t.length() == 1 && ByteLevel.byteOf(t.charAt(0)) >= 0)) {
            throw new IllegalArgumentException("a special token may not be a byte token: " + specialTokens);
        }
        this.vocabSize = vocabSize;
        this.specialTokens = List.copyOf(specialTokens);
    }

    /**
     * Learns merges from {@code corpus}. The vocabulary stops short of the size asked for when no
     * pair is left to merge.
     */
    public TrainedBpe train(List<String> corpus) {
        List<String> vocab = new ArrayList<>(specialTokens);
        Map<String, Integer> ids = new HashMap<>();
        IntStream.range(0, BYTE_TOKENS)
                .mapToObj(b -> String.valueOf(ByteLevel.charOf(b)))
                .sorted()
                .forEach(vocab::add);
        for (int id = 0; id < vocab.size(); id++) {
            ids.putIfAbsent(vocab.get(id), id);
        }
        Map<String, Long> wordCounts = countWords(corpus);
        int[][] words = new int[wordCounts.size()][];
        int[] lengths = new int[words.length];
        long[] weights = new long[words.length];
        PairStatistics stats = new PairStatistics();
        int w = 0;
        for (Map.Entry<String, Long> entry : wordCounts.entrySet()) {
            words[w] = entry.getKey()
                    .chars()
                    .map(c -> ids.get(String.valueOf((char) c)))
                    .toArray();
            lengths[w] = words[w].length;
            weights[w] = entry.getValue();
            stats.count(words[w], lengths[w], w, weights[w]);
            w++;
        }
        stats.flush();
        List<TrainedBpe.Merge> merges = new ArrayList<>();
        for (long pair = stats.best(); pair >= 0 && vocab.size() < vocabSize; pair = stats.best()) {
            int left = PairStatistics.left(pair);
            int right = PairStatistics.right(pair);
            merges.add(new TrainedBpe.Merge(vocab.get(left), vocab.get(right)));
            // Two different pairs can spell the same token; it then keeps its first id (as in HF).
            int merged = ids.computeIfAbsent(vocab.get(left) + vocab.get(right), token -> {
                vocab.add(token);
                return vocab.size() - 1;
            });
            for (int word : List.copyOf(stats.holders(pair))) {
                stats.count(words[word], lengths[word], word, -weights[word]);
                lengths[word] = mergeInWord(words[word], lengths[word], left, right, merged);
                stats.count(words[word], lengths[word], word, weights[word]);
            }
            stats.flush();
        }
        return new TrainedBpe(vocab, merges, specialTokens);
    }

    /** The corpus's pre-tokenized words (byte-level characters) with their counts. */
    private Map<String, Long> countWords(List<String> corpus) {
        List<AddedToken> specials = IntStream.range(0, specialTokens.size())
                .mapToObj(i -> AddedToken.special(i, specialTokens.get(i)))
                .toList();
        AddedVocabulary cutSpecials = new AddedVocabulary(specials, TextNormalizer.NONE);
        PreTokenizer gpt2 = ByteLevelPreTokenizer.create(false, true);
        Map<String, Long> counts = new HashMap<>();
        AddedVocabulary.Sink sink = new AddedVocabulary.Sink() {
            @Override
            public void token(int id) {
                // Special tokens are never merged with their neighbours.
            }

            @Override
            public void text(String text) {
                gpt2.split(text, word -> counts.merge(word, 1L, Long::sum));
            }
        };
        corpus.forEach(text -> cutSpecials.split(text, sink));
        return counts;
    }

    /** Replaces each non-overlapping {@code left right}, scanning left to right; returns the new length. */
    private static int mergeInWord(int[] word, int length, int left, int right, int merged) {
        int out = 0;
        for (int i = 0; i < length; i++) {
            if (i + 1 < length && word[i] == left && word[i + 1] == right) {
                word[out++] = merged;
                i++;
            } else {
                word[out++] = word[i];
            }
        }
        return out;
    }
}
