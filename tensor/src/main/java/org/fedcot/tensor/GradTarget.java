package org.fedcot.tensor;

/**
 * Where a backward kernel puts its contribution to a gradient, from {@link Tensor#gradTarget}.
 *
 * @param tensor     the gradient, or a sink when the input wants none
 * @param accumulate whether the kernel must add into it ({@code false}: it is new, and the kernel writes it in full)
 */
public record GradTarget(Tensor tensor, boolean accumulate) {
    /** The gradient's backing buffer, for kernel arguments (see {@link Tensor#storage()}). */
    public float[] storage() {
        return tensor.storage();
    }

    /** Where the gradient starts in {@link #storage()}. */
    public int offset() {
        return tensor.offset();
    }
}
