package org.fedcot.models.transformer;

import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.CachedAttention;
import org.fedcot.tensor.ops.Rotary;

/**
 * The two position-dependent steps of a decode step whose rows sit at different positions, one new
 * token per row, each row with its own batch-1 cache: rotary embedding runs row by row with that
 * row's position, and cached attention over every row's own cache at once, computing each row as it
 * would alone, so a row's values do not depend on the rows beside it. Everything else in the layer
 * is per token and runs on all rows at once.
 */
final class RowPositions {
    private RowPositions() {}

    /** Rotary embedding of x [rows, 1, heads, headDim], row r at position {@code caches[r].length()}. */
    static Tensor rope(Tensor x, KvCache[] caches, int rotDim, float theta) {
        int rows = x.dim(0);
        int row = x.size() / rows;
        Tensor out = Tensor.output(x.shape());
        for (int r = 0; r < rows; r++) {
            Tensor one = Rotary.rope(rowOf(x, r), rotDim, theta, caches[r].length(), false);
            System.arraycopy(one.hostData(), one.offset(), out.hostData(), r * row, row);
        }
        return out;
    }

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
