package org.fedcot.cli.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.fedcot.cli.BackendOptions;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.cpu.CpuBackend;
import org.fedcot.tensor.cpu.Parallel;
import org.fedcot.tensor.kernels.MatmulKernels;
import org.fedcot.tensor.opencl.OpenClBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fedcot bench matmul}: times a float32 {@code C = A B} on the CPU backend (or, with
 * {@code --backend opencl}, the OpenCL device's tiled kernel on operands already resident there),
 * the same best-of-N measurement as {@code bench/numpy_matmul.py}, so the rates compare directly.
 * Per-run times go to stderr; the last line on stdout is {@code matmul MxNxK: X GFLOP/s}.
 */
@Command(
        name = "matmul",
        mixinStandardHelpOptions = true,
        description = {
            "Times a float32 M x N x K matrix product C = A B on the chosen backend.",
            "Per-run times go to stderr; the last line on stdout is 'matmul MxNxK: X GFLOP/s',"
                    + " X = 2*M*N*K / best time."
        })
public final class MatmulBench implements Callable<Integer> {
    /**
     * C2 compiles the vector kernels in the background for about a second, competing for the cores,
     * so a fixed handful of warm-up runs on a small product would time the interpreter.
     */
    private static final long MIN_WARMUP_NANOS = 1_000_000_000L;

    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendOptions backendOptions;

    @Option(names = "--m", defaultValue = "1024", description = "Rows of A and C (default: ${DEFAULT-VALUE}).")
    private int m;

    @Option(names = "--n", defaultValue = "1024", description = "Columns of B and C (default: ${DEFAULT-VALUE}).")
    private int n;

    @Option(names = "--k", defaultValue = "1024", description = "Columns of A, rows of B (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(
            names = "--warmup",
            defaultValue = "5",
            description = "Untimed runs first, at least this many and at least 1 s of them, so the JIT has"
                    + " compiled the kernels; 0 for none (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--repeat", defaultValue = "20", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--portable", description = "Time the portable scalar kernel instead of the Vector API fast path.")
    private boolean portable;

    @Override
    public Integer call() {
        validate();
        Backend device = backendOptions.apply(spec);
        boolean cpu = device instanceof CpuBackend;
        if (!cpu && portable) {
            throw new ParameterException(spec.commandLine(), "--portable times a CPU kernel; drop it or --backend");
        }
        Runnable product = product(device, random(m * k, 1), random(k * n, 2), new float[m * n]);
        int warmed = Timings.warmUp(warmup, MIN_WARMUP_NANOS, run -> product.run());
        PrintWriter err = spec.commandLine().getErr();
        double flop = 2.0 * m * n * k;
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            product.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
            err.printf(Locale.ROOT, "run %d: %.3f ms (%.1f GFLOP/s)%n", i + 1, ms[i], gflops(flop, ms[i]));
        }
        double best = Arrays.stream(ms).min().orElseThrow();
        double median = Timings.median(ms);
        err.printf(
                Locale.ROOT,
                "%s: best %.3f ms, median %.3f ms (%.1f GFLOP/s)" + " over %d runs after %d warm-up runs%n",
                !cpu
                        ? device.description()
                        : (portable ? "portable kernel" : "CpuBackend.gemm") + ", " + Parallel.threads() + " threads",
                best,
                median,
                gflops(flop, median),
                repeat,
                warmed);
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "matmul %dx%dx%d: %.1f GFLOP/s%n", m, n, k, gflops(flop, best));
        out.flush();
        return 0;
    }

    /**
     * One product of row-major operands into {@code c}, through the backend or the portable kernel. On
     * a device the operands are uploaded by the first (warm-up) run and stay there; each run waits
     * for the kernel to finish.
     */
    private Runnable product(Backend device, float[] a, float[] b, float[] c) {
        if (device instanceof OpenClBackend cl) {
            return () -> {
                cl.gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
                cl.finish();
            };
        }
        if (portable) {
            return () -> Parallel.forRange(
                    m,
                    (long) n * k,
                    (lo, hi) -> MatmulKernels.gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false, lo, hi));
        }
        return () -> CpuBackend.INSTANCE.gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
    }

    private void validate() {
        if (m < 1 || n < 1 || k < 1) {
            throw new ParameterException(spec.commandLine(), "--m, --n and --k must be at least 1");
        }
        if ((long) m * k > Integer.MAX_VALUE || (long) k * n > Integer.MAX_VALUE || (long) m * n > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), "each matrix must hold fewer than 2^31 elements");
        }
        if (warmup < 0 || repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--warmup must be at least 0 and --repeat at least 1");
        }
    }

    private static double gflops(double flop, double ms) {
        return flop / (ms * 1e6);
    }

    private static float[] random(int length, long seed) {
        Random random = new Random(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = random.nextFloat() - 0.5f;
        }
        return x;
    }
}
