package org.fedcot.privacy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The vocabulary a mechanism draws from: one word (or token) per row and its embedding. Rows are
 * normalised to unit length once, here, so a cosine similarity is a plain dot product; the lengths
 * are kept so the raw vectors can be rebuilt (RanText adds noise to those).
 *
 * <p>The unit vectors are stored transposed, dimension-major [dim, size]: similarities of a few
 * words to the whole vocabulary are then the product {@code [n, dim] x [dim, size]} with the big
 * operand in the layout the matrix kernel streams without a gather, which measured 2-3x faster
 * than multiplying by the transpose of a row-major table.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class EmbeddingTable {
    private final List<String> words;
    private final Map<String, Integer> rows;
    private final int dim;
    /** [dim, size]: unitColumns[d * size + r] is component d of row r's unit vector (a zero vector stays zero). */
    private final float[] unitColumns;

    private final float[] norms;
    /** Made on first use by an attack on RanText, then kept (see {@link #similarityCounts()}). */
    private SimilarityCounts similarityCounts;

    private EmbeddingTable(List<String> words, int dim, float[] unitColumns, float[] norms) {
        this.words = words;
        this.dim = dim;
        this.unitColumns = unitColumns;
        this.norms = norms;
        Map<String, Integer> index = HashMap.newHashMap(words.size());
        for (int i = 0; i < words.size(); i++) {
            if (index.putIfAbsent(words.get(i), i) != null) {
                throw new IllegalArgumentException("'" + words.get(i) + "' appears twice in the vocabulary");
            }
        }
        this.rows = index;
    }

    /**
     * A table of {@code words.size()} rows from {@code vectors} (row-major, {@code dim} per word).
     *
     * @throws IllegalArgumentException when the sizes disagree, a word repeats or a value is not finite
     */
    public static EmbeddingTable of(List<String> words, float[] vectors, int dim) {
        if (dim < 1 || (long) words.size() * dim != vectors.length) {
            throw new IllegalArgumentException(words.size() + " words of dimension " + dim + " need "
                    + (long) words.size() * dim + " values, not " + vectors.length);
        }
        return ofRows(words, vectors, dim, IntStream.range(0, words.size()).toArray());
    }

    /**
     * A table whose row i is row {@code picked[i]} of {@code matrix} (row-major, {@code dim} columns),
     * named {@code words.get(i)}: a token set taken from a model's whole embedding without a copy of it.
     */
    static EmbeddingTable ofRows(List<String> words, float[] matrix, int dim, int[] picked) {
        int n = picked.length;
        if (words.size() != n) {
            throw new IllegalArgumentException(words.size() + " words for " + n + " rows");
        }
        float[] columns = new float[Math.multiplyExact(n, dim)];
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            int from = picked[i] * dim;
            double sum = 0;
            for (int d = 0; d < dim; d++) {
                float x = matrix[from + d];
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException("the vector of '" + words.get(i) + "' holds " + x);
                }
                sum += (double) x * x;
            }
            norms[i] = (float) Math.sqrt(sum);
            double inverse = sum > 0 ? 1 / Math.sqrt(sum) : 0;
            for (int d = 0; d < dim; d++) {
                columns[d * n + i] = (float) (matrix[from + d] * inverse);
            }
        }
        return new EmbeddingTable(List.copyOf(words), dim, columns, norms);
    }

    /** Number of rows. */
    public int size() {
        return words.size();
    }

    /** Embedding dimension. */
    public int dim() {
        return dim;
    }

    /** The word (or token) of row {@code row}. */
    public String word(int row) {
        return words.get(row);
    }

    /** The row of {@code word}, or -1 when the vocabulary does not hold it (lookups are exact, case included). */
    public int row(String word) {
        return rows.getOrDefault(word, -1);
    }

    /** The embedding of row {@code row} as it was given (unit vector times its length), in double. */
    public double[] vector(int row) {
        double[] v = new double[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (double) unitColumns[d * size() + row] * norms[row];
        }
        return v;
    }

    /** The length of row {@code row}'s embedding as it was given. */
    public double norm(int row) {
        return norms[row];
    }

    /** Per-dimension range (max - min) of the embeddings over all rows: RanText's sensitivity delta_f. */
    public double[] columnRanges() {
        double[] range = new double[dim];
        int n = size();
        for (int d = 0; d < dim; d++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < n; r++) {
                double x = (double) unitColumns[d * n + r] * norms[r];
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            range[d] = max - min;
        }
        return range;
    }

    /** The unit vectors, dimension-major [dim, size]; shared, not copied: callers must not write to it. */
    float[] unitColumns() {
        return unitColumns;
    }

    /**
     * Each row's similarity counts, made on first use (one sweep of the vocabulary) and kept, so that the
     * attacks at several eps over one table pay for them once.
     */
    synchronized SimilarityCounts similarityCounts() {
        if (similarityCounts == null) {
            similarityCounts = SimilarityCounts.of(this);
        }
        return similarityCounts;
    }
}
