package org.fedcot.privacy;

/**
 * A piece of text found by {@link WordSegmenter}: characters {@code [start, end)} of the text.
 *
 * @param start first character
 * @param end   one past the last character
 * @param kind  what the piece is
 */
public record Segment(int start, int end, Kind kind) {
    /** What a segment holds. */
    public enum Kind {
        /** Letters only, possibly joined by apostrophes inside ("river", "don't", "o'clock"). */
        WORD,
        /** Digits, possibly with '.' or ',' between digit groups ("42", "3.14", "1,000"). */
        NUMBER,
        /** Anything else: punctuation, symbols, letters mixed with digits ("B12"). */
        OTHER
    }

    /** The segment's characters in {@code text}. */
    public String text(String text) {
        return text.substring(start, end);
    }
}
