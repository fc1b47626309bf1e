package org.fedcot.privacy;

/**
 * One input's cosine similarities to every row of an {@link EmbeddingTable}: a view into the block
 * {@link CosineRows} computed, not a copy (a copy per word of a 50,000-word row is garbage the
 * collector then has to move). Valid while the mechanism prepares the input; the buffer is reused.
 *
 * @param data   the block
 * @param offset where this input's row starts in it
 * @param size   number of table rows
 */
public record SimilarityRow(float[] data, int offset, int size) {
    /** Checks the view lies inside the block. */
    public SimilarityRow {
        if (offset < 0 || size < 1 || (long) offset + size > data.length) {
            throw new IllegalArgumentException("a row of " + size + " at " + offset + " does not fit " + data.length);
        }
    }

    /** A row that is a whole array. */
    public static SimilarityRow of(float[] similarities) {
        return new SimilarityRow(similarities, 0, similarities.length);
    }

    /** cos(input, r). */
    public float get(int r) {
        return data[offset + r];
    }
}
