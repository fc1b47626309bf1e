package org.fedcot.tensor.ops;

import org.fedcot.tensor.Dispatch;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.EmbeddingKernels;

/** Token embedding lookup: rows of table [V, C] gathered by id, giving [ids.length, C]. */
public final class Embedding {
    private Embedding() {
    }

    /** A checked entry point: every id must lie in [0, V). */
    public static Tensor lookup(Tensor table, int[] ids) {
        Shapes.requireRank("embedding", table, 2);
        int V = table.dim(0);
        int C = table.dim(1);
        for (int n = 0; n < ids.length; n++) {
            if (ids[n] < 0 || ids[n] >= V) {
                throw new IllegalArgumentException("embedding: id " + ids[n] + " at position " + n
                        + " is outside the vocabulary [0, " + V + ") of " + table.name());
            }
        }
        int N = ids.length;
        Tensor out = Tensor.uninitialized(N, C);
        Dispatch.run(EmbeddingKernels.class, "embeddingForward", N, C, (lo, hi) ->
                EmbeddingKernels.embeddingForward(out.data(), 0, table.data(), table.offset(), ids, C, lo, hi),
                out.buffer(), 0, table.buffer(), table.offset(), ids, C);
        out.recordBackward(() -> {
            Tensor dt = table.gradBuffer();
            Tensor g = out.grad();
            Dispatch.run(EmbeddingKernels.class, "embeddingBackward", C, N, (lo, hi) ->
                    EmbeddingKernels.embeddingBackward(dt.data(), dt.offset(), g.data(), g.offset(), ids, N, C, lo, hi),
                    dt.buffer(), dt.offset(), g.buffer(), g.offset(), ids, N, C);
        }, table);
        return out;
    }
}
