package org.fedcot.models.transformer;

import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.CachedAttention;
import org.fedcot.tensor.ops.Rotary;

/**
 * Attention in a decode step whose rows sit at different positions, one new token per row, each row
 * with its own batch-1 cache: every row's query attends over its own cache at once, each computed as
 * it would be alone, so a row's values do not depend on the rows beside it. (Rotary embedding turns
 * each row by its own position through {@link Rotary.Angles}; everything else in the layer is per
 * token and runs on all rows at once.)
 */
final class RowPositions {
    private RowPositions() {}

    /**
     * Appends row r's key and value to {@code caches[r]} at its position, then attends every row's
     * query over its own cache in one call; q [rows, 1, heads, headDim], k and v [rows, 1, kvHeads, headDim].
     */
    static Tensor attend(int layer, Tensor q, Tensor k, Tensor v, KvCache[] caches) {
        int rows = q.dim(0);
        Tensor[] keys = new Tensor[rows];
        Tensor[] values = new Tensor[rows];
        int[] pos = new int[rows];
        for (int r = 0; r < rows; r++) {
            KvCache c = caches[r];
            c.write(layer, rowOf(k, r), rowOf(v, r));
            keys[r] = c.keys(layer);
            values[r] = c.values(layer);
            pos[r] = c.length();
        }
        return CachedAttention.attendRows(q, keys, values, pos);
    }

    /** Row r of x [rows, ...] as a view [1, ...]. */
    private static Tensor rowOf(Tensor x, int r) {
        int[] shape = x.shape();
        int row = x.size() / shape[0];
        shape[0] = 1;
        return Tensor.view(x.hostData(), x.offset() + r * row, shape);
    }
}
