package org.fedcot.tensor.optim;

import java.util.List;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.kernels.Kernel;

/** Gradient clipping by the global L2 norm, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradClip {
    /** Elements per partial sum: big enough to amortise a task, small enough to spread over cores. */
    private static final int CHUNK = 1 << 14;
    /** Added to the norm before dividing, exactly as torch does, so a zero norm never divides by zero. */
    private static final double EPS = 1e-6;

    private GradClip() {}

    /**
     * Computes the L2 norm of all gradients together (parameters whose gradient is null are
     * skipped) and, when {@code maxNorm / (norm + 1e-6) < 1}, scales every gradient in place by that
     * factor, so the clipped norm is just under {@code maxNorm}.
     *
     * @param params  parameters whose {@link Tensor#grad()} to clip
     * @param maxNorm the largest allowed global norm; must be positive
     * @return the global norm before clipping, accumulated in double (NaN or infinite when a
     *         gradient is; nothing is scaled then)
     */
    public static double clipGlobalNorm(List<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipGlobalNorm: maxNorm must be positive and finite, got " + maxNorm);
        }
        double norm = Math.sqrt(sumOfSquares(params));
        double coef = maxNorm / (norm + EPS);
        // torch multiplies by min(coef, 1); skipping the multiply by 1 gives the same gradients.
        if (coef < 1.0) {
            float s = (float) coef;
            for (Tensor p : params) {
                Tensor g = p.grad();
                if (g != null) {
                    Backend.current().launch(Kernel.SCALE_IN_PLACE, g.size(), 1, g.storage(), g.offset(), s);
                }
            }
        }
        return norm;
    }

    /** Sum of squared gradient elements over all parameters, in double (on the device when one is in use). */
    static double sumOfSquares(List<Tensor> params) {
        double total = 0.0;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            int n = g.size();
            int chunks = (n + CHUNK - 1) / CHUNK;
            double[] partials = new double[chunks];
            Backend be = Backend.current();
            be.launch(Kernel.SUM_SQUARES_PARTIAL, chunks, CHUNK, g.storage(), g.offset(), n, CHUNK, partials);
            be.toHost(partials);
            for (double s : partials) {
                total += s;
            }
        }
        return total;
    }
}
