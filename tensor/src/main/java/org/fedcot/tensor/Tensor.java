package org.fedcot.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.tensor.kernels.Kernel;

/**
 * A float32 tensor: a shape over a contiguous run of a {@code float[]} buffer, which may be a view
 * of a larger buffer (a flat parameter buffer, a memory-mapped checkpoint copied in once).
 *
 * <p>Autograd: an op that reads tensors which require gradients records, on its output, the inputs
 * it read and a closure that pushes the output's gradient back into theirs. {@link #backward()}
 * walks that graph in reverse topological order; gradients accumulate ({@code +=}) until
 * {@link #zeroGrad()}. Inside {@link NoGrad#enter()} nothing is recorded.
 *
 * <p>Op outputs and intermediate gradients take their storage from the current {@link Workspace}
 * when one is open, so a training step reuses the previous step's arrays instead of allocating.
 */
public final class Tensor {
    private static final Tensor[] NO_INPUTS = new Tensor[0];

    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int size;
    private String name;
    private boolean requiresGrad;
    private Tensor grad;
    private Tensor[] inputs = NO_INPUTS;
    private Runnable backwardFn;

    private Tensor(float[] data, int offset, int[] shape) {
        this.size = Shapes.size(shape);
        if (offset < 0 || offset + size > data.length) {
            throw new IllegalArgumentException("tensor of shape " + Shapes.str(shape) + " at offset " + offset
                    + " does not fit a buffer of " + data.length + " floats");
        }
        this.data = data;
        this.offset = offset;
        this.shape = shape.clone();
    }

    /** A new zero-filled tensor with its own storage (never taken from a workspace). */
    public static Tensor zeros(int... shape) {
        return new Tensor(storage(shape, false, true), 0, shape);
    }

    /**
     * Wraps {@code values} (no copy) as a tensor of {@code shape}. This is a checked entry point:
     * the length must match and every value must be finite.
     */
    public static Tensor of(float[] values, int... shape) {
        int n = Shapes.size(shape);
        if (values.length != n) {
            throw new IllegalArgumentException(
                    "values: expected " + n + " floats for shape " + Shapes.str(shape) + " but got " + values.length);
        }
        Tensor t = new Tensor(values, 0, shape);
        t.checkFinite("values");
        return t;
    }

    /** A view of {@code size(shape)} floats of {@code buffer} starting at {@code offset}; shares storage. */
    public static Tensor view(float[] buffer, int offset, int... shape) {
        return new Tensor(buffer, offset, shape);
    }

    /**
     * An op's output, or any buffer a kernel writes in full before anything reads it: storage from the
     * open workspace (new when none is open), not cleared, so a reused array holds stale values, NaN
     * included. Skipping the fill saves a pass over memory per buffer, which adds up for [tokens, vocab]
     * logits.
     */
    public static Tensor output(int... shape) {
        return new Tensor(storage(shape, true, false), 0, shape);
    }

    /**
     * A zero-filled buffer kernels add into (a sink for a gradient nobody wants): storage from the
     * open workspace, or new when none is open.
     */
    public static Tensor scratch(int... shape) {
        return new Tensor(storage(shape, true, true), 0, shape);
    }

    /**
     * New storage for {@code shape}, or the open workspace's when {@code pooled}. Running out of heap here
     * becomes a {@link TensorOutOfMemoryError} naming the shape, so the user learns what did not fit.
     */
    private static float[] storage(int[] shape, boolean pooled, boolean zeroed) {
        int n = Shapes.size(shape);
        try {
            return pooled ? Workspace.allocate(n, zeroed) : new float[n];
        } catch (OutOfMemoryError e) {
            throw new TensorOutOfMemoryError(shape, null, e);
        }
    }

    /** Marks this tensor as a leaf whose gradient is wanted (a parameter); returns this. */
    public Tensor requiresGrad(boolean wanted) {
        if (backwardFn != null) {
            throw new IllegalStateException("requiresGrad can only be set on a leaf tensor, not on an op's output");
        }
        this.requiresGrad = wanted;
        return this;
    }

    /** Gives the tensor a name used in error messages (e.g. a parameter's checkpoint name); returns this. */
    public Tensor named(String tensorName) {
        this.name = tensorName;
        return this;
    }

    public String name() {
        return name == null ? "tensor" + Shapes.str(shape) : name;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * The backing buffer, downloaded: element {@code i} of this tensor is {@code hostData()[offset() + i]}.
     * With a device {@link Backend} in use this brings the buffer's newest values home first and hands
     * it to the host, which may then read and write it.
     */
    public float[] hostData() {
        return Backend.host(data);
    }

    /**
     * The backing buffer as it is, for kernel arguments: its identity names the device copy, and its
     * contents may be stale while a device backend holds newer values. Host code uses {@link #hostData()}.
     */
    public float[] storage() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}; negative {@code i} counts from the end. */
    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    public int size() {
        return size;
    }

    public float get(int flatIndex) {
        return hostData()[offset + Shapes.checkIndex(flatIndex, size)];
    }

    public void set(int flatIndex, float value) {
        hostData()[offset + Shapes.checkIndex(flatIndex, size)] = value;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (size != 1) {
            throw new IllegalStateException(name() + ": item() needs one element, shape is " + Shapes.str(shape));
        }
        return hostData()[offset];
    }

    /** A copy of the elements. */
    public float[] toArray() {
        return Arrays.copyOfRange(hostData(), offset, offset + size);
    }

    /** Copies {@code src}'s elements into this tensor (same size); records nothing. */
    public void copyFrom(Tensor src) {
        Shapes.requireSameSize("copyFrom", src, this);
        System.arraycopy(src.hostData(), src.offset, hostData(), offset, size);
    }

    /** The accumulated gradient, or null when none has been computed. */
    public Tensor grad() {
        return grad;
    }

    /** Sets the gradient storage, e.g. a view of a flat gradient buffer; its shape must match. */
    public void setGrad(Tensor g) {
        if (g != null) {
            Shapes.requireShape("grad of " + name(), g, shape);
        }
        this.grad = g;
    }

    /**
     * The gradient, allocated zeroed on first use. A leaf's gradient outlives any workspace (it is
     * read by the optimiser); an intermediate's comes from the workspace.
     */
    public Tensor gradBuffer() {
        if (grad == null) {
            grad = backwardFn == null ? zeros(shape) : scratch(shape);
        }
        return grad;
    }

    /**
     * Where a backward puts its contribution to this tensor's gradient, the one way ops reach it. A
     * kernel that {@code writesAll} (given {@code accumulate = false} it writes every element) gets a
     * first gradient uninitialised and told to write, and the existing one told to add; any other
     * kernel adds into a gradient allocated zeroed. When this tensor wants no gradient (a kernel
     * computes several in one pass) the contribution goes to a workspace sink and is dropped.
     */
    public GradTarget gradTarget(boolean writesAll) {
        if (!requiresGrad) {
            return new GradTarget(writesAll ? output(shape) : scratch(shape), !writesAll);
        }
        if (grad != null) {
            return new GradTarget(grad, true);
        }
        if (backwardFn == null) { // a leaf's gradient outlives the workspace, and new storage is zero anyway
            grad = zeros(shape);
        } else {
            grad = writesAll ? output(shape) : scratch(shape);
        }
        return new GradTarget(grad, !writesAll);
    }

    /** Zeroes the accumulated gradient, keeping its storage. */
    public void zeroGrad() {
        if (grad != null) {
            Backend.current().fillZero(grad.data, grad.offset, grad.size);
        }
    }

    /**
     * Records how to push this tensor's gradient into {@code from}'s. Called by ops on their output;
     * does nothing in a no-grad scope or when no input requires gradients.
     */
    public void recordBackward(Runnable fn, Tensor... from) {
        if (!NoGrad.isGradEnabled()) {
            return;
        }
        boolean any = false;
        for (Tensor t : from) {
            any |= t != null && t.requiresGrad;
        }
        if (!any) {
            return;
        }
        this.requiresGrad = true;
        this.inputs = from;
        this.backwardFn = fn;
    }

    /** Back-propagates from this one-element tensor (d this / d this = 1) into every leaf that requires grad. */
    public void backward() {
        if (size != 1) {
            throw new IllegalStateException(
                    name() + ": backward() needs a one-element loss, shape is " + Shapes.str(shape));
        }
        if (!requiresGrad) {
            throw new IllegalStateException(name() + ": backward() on a tensor that does not depend on any parameter");
        }
        List<Tensor> order = topologicalOrder();
        Tensor g = gradBuffer();
        g.hostData()[g.offset] += 1f;
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (t.backwardFn != null && t.grad != null) {
                t.backwardFn.run();
            }
        }
    }

    /** Tensors reachable from this one, each after all of its inputs. */
    private List<Tensor> topologicalOrder() {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(this);
        next.push(0);
        seen.put(this, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int i = next.pop();
            if (i < t.inputs.length) {
                next.push(i + 1);
                Tensor in = t.inputs[i];
                if (in != null && in.requiresGrad && seen.put(in, Boolean.TRUE) == null) {
                    stack.push(in);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    /** A tensor sharing this one's storage, cut off from the graph. */
    public Tensor detach() {
        return new Tensor(data, offset, shape);
    }

    /** Same elements, another shape (one dimension may be -1); shares storage, gradient flows through. */
    public Tensor reshape(int... newShape) {
        // the name only for an error: every decode step reshapes a few tensors per layer
        int[] resolved = Shapes.resolveReshape(shape, newShape, this::name);
        Tensor out = new Tensor(data, offset, resolved);
        out.recordBackward(
                () -> {
                    // the first gradient is a copy (a scale by exactly 1): no zero fill, no read-modify-write
                    GradTarget g = gradTarget(true);
                    Backend.current()
                            .launch(
                                    g.accumulate() ? Kernel.ACCUMULATE_SCALED : Kernel.SCALE,
                                    size,
                                    1,
                                    g.storage(),
                                    g.offset(),
                                    out.grad.data,
                                    out.grad.offset,
                                    1f);
                },
                this);
        return out;
    }

    /** Throws naming this tensor and the first bad index if any element is NaN or infinite. */
    public Tensor checkFinite(String what) {
        float[] d = hostData();
        for (int i = 0; i < size; i++) {
            float v = d[offset + i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(
                        what + " (" + name() + "): element " + i + " of shape " + Shapes.str(shape) + " is " + v);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name()).append(Shapes.str(shape)).append(" [");
        int shown = Math.min(size, 8);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(hostData()[offset + i]);
        }
        return sb.append(size > shown ? ", ...]" : "]").toString();
    }
}
