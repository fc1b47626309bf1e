package org.fedcot.models.generate;

import java.util.Arrays;
import org.fedcot.models.tokenizer.Tokenizer;

/**
 * {@link ContinuationText#of(Tokenizer)}: decode(tail + generated) minus decode(tail), read
 * incrementally. The reader keeps the text of the tokens up to a commit point and an open window of
 * tokens after it, which it decodes at each token with a few tokens of context before it. It moves
 * the commit point to the end whenever the window's text does not end in U+FFFD: the bytes so far
 * then end with a complete character, where UTF-8 decoding (lossy, maximal invalid subsequences as
 * U+FFFD, as both tokenizer families decode) starts afresh, so later tokens cannot change the text
 * before it. A character split over tokens keeps the window open until it completes.
 */
final class DecodedContinuation implements ContinuationText {
    /**
     * Tokens decoded before the window: enough to finish a UTF-8 character the prompt's last byte
     * tokens began (at most 3 bytes) and to tell that the window is not at the start (SentencePiece's
     * leading space, a BOS before it).
     */
    private static final int CONTEXT = 4;

    private static final char REPLACEMENT = '\uFFFD';

    private final Tokenizer tokenizer;

    DecodedContinuation(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public String of(int[] prompt, int[] generated) {
        return reader(prompt).addAll(generated);
    }

    @Override
    public Reader reader(int[] prompt) {
        return new WindowReader(prompt);
    }

    /** The incremental reader of one continuation. */
    private final class WindowReader implements Reader {
        /** The prompt's last tokens, then every generated token; {@code size} of them are used. */
        private int[] ids;

        private int size;
        /** Index in ids of the window's first token: the text of the generated tokens before it is committed. */
        private int start;

        private String head;
        private final StringBuilder committed = new StringBuilder();
        private String text = "";

        WindowReader(int[] prompt) {
            int tail = Math.min(CONTEXT, prompt.length);
            ids = Arrays.copyOfRange(prompt, prompt.length - tail, prompt.length + 16);
            size = tail;
            start = tail;
            head = tokenizer.decode(Arrays.copyOf(ids, tail));
        }

        @Override
        public String add(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, 2 * size);
            }
            ids[size++] = id;
            String all = tokenizer.decode(Arrays.copyOfRange(ids, contextStart(), size));
            // a prompt ending inside a character decodes to U+FFFD there, which the continuation replaces
            String window = all.startsWith(head)
                    ? all.substring(head.length())
                    : tokenizer.decode(Arrays.copyOfRange(ids, start, size));
            text = committed.isEmpty() ? window : committed + window;
            if (window.isEmpty() || window.charAt(window.length() - 1) != REPLACEMENT) {
                committed.append(window);
                start = size;
                head = tokenizer.decode(Arrays.copyOfRange(ids, contextStart(), start));
            }
            return text;
        }

        @Override
        public String text() {
            return text;
        }

        private int contextStart() {
            return Math.max(0, start - CONTEXT);
        }
    }
}
