package org.fedcot.tensor.optim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.TensorOutOfMemoryError;
import org.fedcot.tensor.kernels.Kernel;

/**
 * AdamW with decoupled weight decay, step for step as {@code torch.optim.AdamW} (single parameter
 * group, no amsgrad): each parameter keeps its own step count, advanced only on steps where it has
 * a gradient, and its own first and second moments.
 *
 * <p>The moment buffers are allocated in the constructor, so {@link #step()} allocates nothing
 * proportional to the model. {@code step()} is a checked entry point: before anything changes it
 * verifies that every gradient is finite.
 */
public final class AdamW {
    /** Rough inner-loop cost of one element of the update (a sqrt, a division, a few multiply-adds). */
    private static final long COST_PER_ELEMENT = 8;

    private final List<Tensor> params;
    private final float[][] m;
    private final float[][] v;
    private final long[] paramSteps;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private double lr;
    private long stepCount;

    /** The moments of one parameter: its update count and copies of its first and second moments. */
    public record ParamState(long step, float[] m, float[] v) {}

    /**
     * A snapshot of the optimiser: the number of {@link #step()} calls, and one {@link ParamState}
     * per parameter in the order of {@link #params()}.
     */
    public record State(long step, List<ParamState> params) {
        public State {
            params = List.copyOf(params);
        }
    }

    /** AdamW with torch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public AdamW(List<Tensor> params) {
        this(params, 1e-3, 0.9, 0.999, 1e-8, 0.01);
    }

    /**
     * @param params      the tensors to optimise (distinct; updated in place)
     * @param lr          learning rate, &gt;= 0
     * @param beta1       decay of the first moment, in [0, 1)
     * @param beta2       decay of the second moment, in [0, 1)
     * @param eps         added to the denominator for stability, &gt;= 0
     * @param weightDecay decoupled weight decay coefficient, &gt;= 0
     */
    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        requireNonNegative("lr", lr);
        requireBeta("beta1", beta1);
        requireBeta("beta2", beta2);
        requireNonNegative("eps", eps);
        requireNonNegative("weightDecay", weightDecay);
        this.params = List.copyOf(params);
        requireDistinct(this.params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        int n = this.params.size();
        this.m = new float[n][];
        this.v = new float[n][];
        this.paramSteps = new long[n];
        for (int i = 0; i < n; i++) {
            m[i] = moment(this.params.get(i), "first");
            v[i] = moment(this.params.get(i), "second");
        }
    }

    /** A zeroed moment estimate for {@code param}; running out of heap names the parameter it was for. */
    private static float[] moment(Tensor param, String which) {
        try {
            return new float[param.size()];
        } catch (OutOfMemoryError e) {
            throw new TensorOutOfMemoryError(param.shape(), "AdamW " + which + " moment of " + param.name(), e);
        }
    }

    /**
     * Updates every parameter that has a gradient (those whose gradient is null are skipped, as in
     * torch) and counts one step.
     *
     * @throws IllegalStateException naming the parameter and element when a gradient is NaN or
     *                               infinite; nothing has been updated then
     */
    public void step() {
        // on a device the gradients stay there: a finite sum of squares (in double, which no float
        // square overflows) clears them all, and only a non-finite one brings them home to be named
        if (Backend.current().onHost() || !Double.isFinite(GradClip.sumOfSquares(params))) {
            for (Tensor p : params) {
                requireFiniteGrad(p);
            }
        }
        stepCount++;
        float decay = (float) (1.0 - lr * weightDecay);
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            long t = ++paramSteps[i];
            float stepSize = (float) (lr / (1.0 - Math.pow(beta1, t)));
            float bias2Sqrt = (float) Math.sqrt(1.0 - Math.pow(beta2, t));
            update(p, g, m[i], v[i], decay, stepSize, bias2Sqrt);
        }
    }

    private void update(Tensor p, Tensor g, float[] mi, float[] vi, float decay, float stepSize, float bias2Sqrt) {
        float b1 = (float) beta1;
        float c1 = (float) (1.0 - beta1);
        float b2 = (float) beta2;
        float c2 = (float) (1.0 - beta2);
        float e = (float) eps;
        Backend.current()
                .launch(
                        Kernel.ADAMW,
                        p.size(),
                        COST_PER_ELEMENT,
                        p.storage(),
                        p.offset(),
                        g.storage(),
                        g.offset(),
                        mi,
                        0,
                        vi,
                        0,
                        decay,
                        b1,
                        c1,
                        b2,
                        c2,
                        e,
                        stepSize,
                        bias2Sqrt);
    }

    /** Zeroes every parameter's gradient, keeping its storage. */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    public double learningRate() {
        return lr;
    }

    /** Sets the learning rate used from the next {@link #step()} on (e.g. from an {@link LrSchedule}). */
    public void setLearningRate(double newLr) {
        requireNonNegative("lr", newLr);
        this.lr = newLr;
    }

    /** Number of {@link #step()} calls so far (including any restored by {@link #loadState}). */
    public long stepCount() {
        return stepCount;
    }

    /** The optimised parameters, in the order of {@link State#params()}. */
    public List<Tensor> params() {
        return params;
    }

    /** A snapshot (copies) of the step counts and moments, enough to resume bit-exactly. */
    public State state() {
        List<ParamState> states = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            states.add(new ParamState(
                    paramSteps[i],
                    Backend.host(m[i]).clone(),
                    Backend.host(v[i]).clone()));
        }
        return new State(stepCount, states);
    }

    /**
     * Restores a snapshot taken by {@link #state()} of an optimiser over parameters of the same
     * sizes, in the same order; the snapshot's arrays are copied in.
     *
     * @throws IllegalArgumentException naming the parameter when a count or size does not match;
     *                                  nothing is restored then
     */
    public void loadState(State state) {
        List<ParamState> states = state.params();
        if (state.step() < 0) {
            throw new IllegalArgumentException("AdamW state: negative step count " + state.step());
        }
        if (states.size() != params.size()) {
            throw new IllegalArgumentException(
                    "AdamW state: has " + states.size() + " parameters but the optimiser has " + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            requireMatches(i, states.get(i));
        }
        stepCount = state.step();
        for (int i = 0; i < params.size(); i++) {
            ParamState s = states.get(i);
            paramSteps[i] = s.step();
            System.arraycopy(s.m(), 0, Backend.host(m[i]), 0, m[i].length);
            System.arraycopy(s.v(), 0, Backend.host(v[i]), 0, v[i].length);
        }
    }

    private void requireMatches(int i, ParamState s) {
        String where = "AdamW state for parameter " + i + " (" + params.get(i).name() + ")";
        int size = params.get(i).size();
        if (s.step() < 0) {
            throw new IllegalArgumentException(where + ": negative step count " + s.step());
        }
        if (s.m() == null || s.m().length != size) {
            throw new IllegalArgumentException(where + ": first moment has "
                    + (s.m() == null ? "no array" : s.m().length + " floats") + " but the parameter has " + size);
        }
        if (s.v() == null || s.v().length != size) {
            throw new IllegalArgumentException(where + ": second moment has "
                    + (s.v() == null ? "no array" : s.v().length + " floats") + " but the parameter has " + size);
        }
    }

    private static void requireFiniteGrad(Tensor p) {
        Tensor g = p.grad();
        if (g == null) {
            return;
        }
        float[] gd = g.hostData();
        int off = g.offset();
        for (int i = 0; i < g.size(); i++) {
            if (!Float.isFinite(gd[off + i])) {
                throw new IllegalStateException("AdamW.step: gradient of " + p.name() + " is " + gd[off + i]
                        + " at element " + i + "; no parameter was updated");
            }
        }
    }

    private static void requireDistinct(List<Tensor> params) {
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Integer before = seen.put(params.get(i), i);
            if (before != null) {
                // A repeated tensor would be stepped twice per step with two sets of moments.
                throw new IllegalArgumentException("AdamW: parameter "
                        + params.get(i).name() + " is listed twice (at " + before + " and " + i + ")");
            }
        }
    }

    private static void requireNonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("AdamW: " + what + " must be finite and >= 0, got " + value);
        }
    }

    private static void requireBeta(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("AdamW: " + what + " must be in [0, 1), got " + value);
        }
    }
}
