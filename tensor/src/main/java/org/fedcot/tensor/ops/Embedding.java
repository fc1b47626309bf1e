package org.fedcot.tensor.ops;

import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.Kernel;

/** Token embedding lookup: rows of table [V, C] gathered by id, giving [ids.length, C]. */
public final class Embedding {
    private Embedding() {}

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
        Tensor out = Tensor.output(N, C);
        Backend.current()
                .launch(Kernel.EMBEDDING_FORWARD, N, C, out.storage(), 0, table.storage(), table.offset(), ids, C);
        out.recordBackward(
                () -> {
                    GradTarget dt = table.gradTarget(false);
                    Tensor g = out.grad();
                    Backend.current()
                            .launch(
                                    Kernel.EMBEDDING_BACKWARD,
                                    C,
                                    N,
                                    dt.storage(),
                                    dt.offset(),
                                    g.storage(),
                                    g.offset(),
                                    ids,
                                    N,
                                    C);
                },
                table);
        return out;
    }
}
