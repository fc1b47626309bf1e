package org.fedcot.tensor.ops;

import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.Parallel;
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
        Parallel.forRange(N, C, (lo, hi) ->
                EmbeddingKernels.embeddingForward(out.data(), 0, table.data(), table.offset(), ids, C, lo, hi));
        out.recordBackward(() -> {
            Tensor dt = table.gradBuffer();
            Tensor g = out.grad();
            Parallel.forRange(C, N, (lo, hi) -> EmbeddingKernels.embeddingBackward(
                    dt.data(), dt.offset(), g.data(), g.offset(), ids, N, C, lo, hi));
        }, table);
        return out;
    }
}
