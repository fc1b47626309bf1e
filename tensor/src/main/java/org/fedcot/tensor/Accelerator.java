package org.fedcot.tensor;

/**
 * A device that runs the portable kernels on copies of the host arrays it keeps resident, chosen
 * for the whole process with {@link #use}. When none is in use (the default) every op runs the CPU
 * backend, exactly as if this class did not exist.
 *
 * <p>The device knows arrays by identity: it keeps one device buffer per Java array (so views of a
 * flat parameter buffer share one device buffer) and tracks which side holds the newest values.
 * Kernels upload what the host changed and leave their results on the device; host code sees them
 * through {@link Tensor#data()} (and the accessors built on it) or {@link #host}, which bring an
 * array home and hand it to the host. Raw {@code float[]} handles kept from before a kernel ran are
 * not refreshed, so an op that reads a kernel's output on the host asks for it with {@link #host}.
 */
public abstract class Accelerator {
    private static Accelerator current;

    /** The accelerator in use, or null for the CPU backend. */
    public static Accelerator current() {
        return current;
    }

    /**
     * Makes {@code accelerator} (null: the CPU backend) the one every op uses from now on. The one in
     * use before brings its arrays home first, so host arrays are current when the CPU takes over.
     * Call it between steps, not while a graph is being built.
     */
    public static void use(Accelerator accelerator) {
        if (current != null && current != accelerator) {
            current.releaseAll();
        }
        current = accelerator;
    }

    /** {@code array} with its newest values on the host (a no-op without an accelerator); returns it. */
    public static float[] host(float[] array) {
        if (current != null) {
            current.toHost(array);
        }
        return array;
    }

    /** A one-line description of the device, for logs and bench output. */
    public abstract String description();

    /**
     * Runs the device twin of the portable kernel {@code family.kernel} over its parallel index
     * {@code [0, n)}. {@code args} are the Java kernel's arguments in order, without {@code lo, hi}:
     * {@code float[]}, {@code double[]} and {@code int[]} arrays, ints, floats, longs and booleans.
     * Float and double arrays are left device-newer; int arrays are read-only inputs, sent each call.
     */
    public abstract void launch(Class<?> family, String kernel, int n, Object... args);

    /** The device's tiled {@code C (+)= op(A) · op(B)}; arguments as {@code MatmulKernels.gemm}. */
    public abstract void gemm(boolean transA, boolean transB, int M, int N, int K,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate);

    /** Brings {@code array} (float[] or double[]) home if the device holds newer values, and hands it to the host. */
    public abstract void toHost(Object array);

    /**
     * Zeroes {@code n} floats of {@code array} from {@code offset} on the device when the device
     * keeps a copy of it; returns false (doing nothing) when it does not, and the host should.
     */
    public abstract boolean fillZero(float[] array, int offset, int n);

    /** Brings every device-newer array home and forgets the device copies. */
    protected abstract void releaseAll();
}
