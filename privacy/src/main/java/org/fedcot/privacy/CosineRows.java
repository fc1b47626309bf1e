package org.fedcot.privacy;

import org.fedcot.tensor.cpu.CpuBackend;

/**
 * Cosine similarities of some rows of an {@link EmbeddingTable} to every row, computed on demand:
 * never the V x V table, only up to {@link #MAX_BLOCK} query rows at a time, as one matrix product
 * {@code [n, dim] x [dim, V]} on the CPU backend. A product's cost is mostly streaming the table
 * through the kernel, nearly the same for 8 queries as for 64, so queries are batched.
 *
 * <p>A word's similarities do not depend on the other words of its block: both of the backend's
 * kernels compute each element of a product as its own sum over the dimension, in a fixed order,
 * whatever the number of rows. Only a switch between the kernels, which the backend picks by the
 * product's shape, could change a last bit; blocks are padded to a multiple of 8 rows, so a
 * single word is never computed by a thinner product than a batch. So a distribution evicted from
 * a cache and rebuilt later is the same, and a seed gives the same text.
 */
final class CosineRows {
    /** Most query rows per product. */
    static final int MAX_BLOCK = 64;
    /** Blocks are a multiple of this many rows (padded with zero queries). */
    private static final int ROW_MULTIPLE = 8;

    private final EmbeddingTable table;

    CosineRows(EmbeddingTable table) {
        this.table = table;
    }

    /**
     * Similarities of rows {@code queries[from..from+count)} ({@code count <= MAX_BLOCK}) to every
     * row, into {@code out} as {@code [count, V]} row-major (padding rows after them: {@code out}
     * holds {@link #MAX_BLOCK} rows, so one buffer serves every block). Each value is clamped to [-1, 1], and a row's similarity to
     * itself is exactly 1, so rounding can never put a word below another word, or below a
     * threshold it meets mathematically.
     */
    void block(int[] queries, int from, int count, float[] out) {
        int v = table.size();
        int dim = table.dim();
        float[] columns = table.unitColumns();
        int rows = (count + ROW_MULTIPLE - 1) / ROW_MULTIPLE * ROW_MULTIPLE;
        float[] q = new float[rows * dim];
        for (int i = 0; i < count; i++) {
            int row = queries[from + i];
            for (int d = 0; d < dim; d++) {
                q[i * dim + d] = columns[d * v + row];
            }
        }
        CpuBackend.INSTANCE.gemm(false, false, rows, v, dim, q, 0, dim, columns, 0, v, out, 0, v, false);
        for (int i = 0; i < count; i++) {
            int base = i * v;
            for (int j = 0; j < v; j++) {
                out[base + j] = Math.clamp(out[base + j], -1f, 1f);
            }
            out[base + queries[from + i]] = 1f;
        }
    }
}
