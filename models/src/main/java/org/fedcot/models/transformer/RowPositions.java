package org.fedcot.models.transformer;

import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.CachedAttention;
import org.fedcot.tensor.ops.Rotary;

/**
 * Attention in a pass whose rows sit at different positions, one token per row, each row in its own
 * batch-1 cache (several consecutive rows may share one: a prompt's tokens): every row's query attends
 * over its cache up to its own position, each computed as it would be alone, so a row's values do not
 * depend on the rows beside it. (Rotary embedding turns each row by its own position through
 * {@link Rotary.Angles}; everything else in the layer is per token and runs on all rows at once.)
 */
final class RowPositions {
    private RowPositions() {}

    /**
     * Appends row r's key and value to {@code caches[r]} at the cache's next position (the next after
     * the row before when that shares the cache), then attends every row's query over its own cache
     * up to its position in one call; q [rows, 1, heads, headDim], k and v [rows, 1, kvHeads, headDim].
     * Every row is written before any attends, so a prompt's tokens see the ones before them.
     */
    static Tensor attend(int layer, Tensor q, Tensor k, Tensor v, KvCache[] caches) {
        int rows = q.dim(0);
        Tensor[] keys = new Tensor[rows];
        Tensor[] values = new Tensor[rows];
        int[] pos = new int[rows];
        for (int r = 0; r < rows; r++) {
            KvCache c = caches[r];
            pos[r] = r > 0 && caches[r - 1] == c ? pos[r - 1] + 1 : c.length();
            c.write(layer, pos[r], rowOf(k, r), rowOf(v, r));
            keys[r] = c.keys(layer);
            values[r] = c.values(layer);
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
