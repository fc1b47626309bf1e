package org.fedcot.tensor.ops;

import java.util.Arrays;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.GradTarget;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;

/**
 * Batched matrix product {@code C = op(A) · op(B)} over the trailing two dimensions, where op
 * transposes when asked. A is [..., M, K] ([..., K, M] when transA); B is [..., K, N] ([..., N, K]
 * when transB) with the same leading dimensions, or a plain matrix shared by every batch.
 */
public final class MatMul {
    private MatMul() {
    }

    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul: operands need rank >= 2, got " + a.name() + Shapes.str(a.shape())
                    + " and " + b.name() + Shapes.str(b.shape()));
        }
        int M = transA ? a.dim(-1) : a.dim(-2);
        int K = transA ? a.dim(-2) : a.dim(-1);
        int Kb = transB ? b.dim(-1) : b.dim(-2);
        int N = transB ? b.dim(-2) : b.dim(-1);
        int[] batchShape = Arrays.copyOf(a.shape(), a.rank() - 2);
        boolean shareB = b.rank() == 2;
        if (K != Kb || (!shareB && !Arrays.equals(batchShape, Arrays.copyOf(b.shape(), b.rank() - 2)))) {
            throw new IllegalArgumentException("matmul: cannot multiply " + a.name() + Shapes.str(a.shape())
                    + (transA ? "^T" : "") + " by " + b.name() + Shapes.str(b.shape()) + (transB ? "^T" : ""));
        }
        int batch = Shapes.size(batchShape);
        int[] outShape = Arrays.copyOf(batchShape, batchShape.length + 2);
        outShape[batchShape.length] = M;
        outShape[batchShape.length + 1] = N;
        Tensor out = Tensor.output(outShape);
        int lda = a.dim(-1);
        int ldb = b.dim(-1);
        int aStride = M * K;
        int bStride = shareB ? 0 : K * N;
        int cStride = M * N;
        for (int i = 0; i < batch; i++) {
            Backend.current().gemm(transA, transB, M, N, K, a.storage(), a.offset() + i * aStride, lda, b.storage(), b.offset() + i * bStride,
                    ldb, out.storage(), i * cStride, N, false);
        }
        out.recordBackward(() -> {
            Tensor dc = out.grad();
            for (int i = 0; i < batch; i++) {
                int dcOff = dc.offset() + i * cStride;
                if (a.requiresGrad()) {
                    GradTarget da = a.gradTarget(false);
                    int daOff = da.offset() + i * aStride;
                    if (!transA) { // dA = dC · op(B)^T
                        Backend.current().gemm(false, !transB, M, K, N, dc.storage(), dcOff, N, b.storage(), b.offset() + i * bStride, ldb,
                                da.storage(), daOff, K, true);
                    } else { // dA^T = op(B) · dC^T
                        Backend.current().gemm(transB, true, K, M, N, b.storage(), b.offset() + i * bStride, ldb, dc.storage(), dcOff, N,
                                da.storage(), daOff, M, true);
                    }
                }
                if (b.requiresGrad()) {
                    GradTarget db = b.gradTarget(false);
                    int dbOff = db.offset() + i * bStride;
                    if (!transB) { // dB = op(A)^T · dC
                        Backend.current().gemm(!transA, false, K, N, M, a.storage(), a.offset() + i * aStride, lda, dc.storage(), dcOff, N,
                                db.storage(), dbOff, N, true);
                    } else { // dB^T = dC^T · op(A)
                        Backend.current().gemm(true, transA, N, K, M, dc.storage(), dcOff, N, a.storage(), a.offset() + i * aStride, lda,
                                db.storage(), dbOff, K, true);
                    }
                }
            }
        }, a, b);
        return out;
    }
}
