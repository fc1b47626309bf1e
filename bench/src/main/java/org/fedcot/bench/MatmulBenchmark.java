package org.fedcot.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fedcot.tensor.cpu.CpuBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float32 matrix products through {@link CpuBackend#gemm}, the path every linear layer takes. Scores are
 * milliseconds per product; GFLOP/s = 2*M*N*K / (score * 1e6). Run with
 * <pre>java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar MatmulBenchmark</pre>
 * and compare with {@code bench/numpy_matmul.py} (OpenBLAS) on the same machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatmulBenchmark {

    /** Square {@code size x size x size} operands, row-major, no transposes. */
    @State(Scope.Benchmark)
    public static class Square {
        @Param({"256", "512", "1024"})
        public int size;

        float[] a;
        float[] b;
        float[] c;

        @Setup
        public void setUp() {
            a = random(size * size, 1);
            b = random(size * size, 2);
            c = new float[size * size];
        }
    }

    /**
     * A transformer's MLP up-projection: activations (B*T = 512 rows, 768 features) times a PyTorch
     * layout weight [3072 out][768 in], read transposed.
     */
    @State(Scope.Benchmark)
    public static class Linear {
        static final int M = 512;
        static final int K = 768;
        static final int N = 3072;
        float[] x;
        float[] w;
        float[] y;

        @Setup
        public void setUp() {
            x = random(M * K, 3);
            w = random(N * K, 4);
            y = new float[M * N];
        }
    }

    /** {@code C = A B} for the square sizes. */
    @Benchmark
    public float[] square(Square s) {
        int n = s.size;
        CpuBackend.INSTANCE.gemm(false, false, n, n, n, s.a, 0, n, s.b, 0, n, s.c, 0, n, false);
        return s.c;
    }

    /** {@code y = x W^T}, 512 x 3072 x 768. */
    @Benchmark
    public float[] linearTransB(Linear s) {
        CpuBackend.INSTANCE.gemm(
                false, true, Linear.M, Linear.N, Linear.K, s.x, 0, Linear.K, s.w, 0, Linear.K, s.y, 0, Linear.N, false);
        return s.y;
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
