package org.fedcot.tensor;

import org.fedcot.tensor.cpu.Cpu;
import org.fedcot.tensor.cpu.Parallel;

/**
 * Runs a kernel on the {@link Accelerator} in use, or on the CPU backend when there is none: the one
 * place ops and optimisers choose. Device arguments name tensors' arrays with {@link Tensor#buffer()},
 * so nothing is brought home.
 */
public final class Dispatch {
    private Dispatch() {
    }

    /**
     * The portable kernel {@code family.kernel} over {@code [0, n)}: {@code cpu} split over the cores
     * (cost per item as {@link Parallel#forRange}), or the device twin with {@code deviceArgs}, the
     * Java kernel's arguments without {@code lo, hi}.
     */
    public static void run(Class<?> family, String kernel, int n, long cost, Parallel.Range cpu, Object... deviceArgs) {
        Accelerator acc = Accelerator.current();
        if (acc == null) {
            Parallel.forRange(n, cost, cpu);
        } else {
            acc.launch(family, kernel, n, deviceArgs);
        }
    }

    /** {@link Cpu#gemm}, or the device's tiled gemm. */
    public static void gemm(boolean transA, boolean transB, int M, int N, int K,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        Accelerator acc = Accelerator.current();
        if (acc == null) {
            Cpu.gemm(transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            acc.gemm(transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }
}
