package org.fedcot.tensor.cpu;

/** A portable kernel bound to the argument list ops pass every backend; see {@link KernelBinder}. */
@FunctionalInterface
interface BoundKernel {
    /** The kernel over {@code [lo, hi)} with {@code args}, its arguments before {@code lo, hi}. */
    void run(Object[] args, int lo, int hi);
}
