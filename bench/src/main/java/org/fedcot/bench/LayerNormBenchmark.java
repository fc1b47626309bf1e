package org.fedcot.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.Workspace;
import org.fedcot.tensor.ops.Elementwise;
import org.fedcot.tensor.ops.Norms;
import org.fedcot.tensor.ops.Reduce;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** LayerNorm over [B*T = 2048, C = 768] (GPT-2 small's width), forward and forward + backward. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LayerNormBenchmark {
    private static final int ROWS = 2048;
    private static final int C = 768;

    private Tensor x;
    private Tensor w;
    private Tensor b;
    private Tensor weights;
    private final Workspace workspace = new Workspace();

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(2);
        x = AttentionBenchmark.random(rng, ROWS, C).requiresGrad(true);
        w = AttentionBenchmark.random(rng, C).requiresGrad(true);
        b = AttentionBenchmark.random(rng, C).requiresGrad(true);
        weights = AttentionBenchmark.random(rng, ROWS, C);
    }

    @Benchmark
    public float forward() {
        try (Workspace.Scope ignored = workspace.enter()) {
            return Norms.layerNorm(x, w, b, 1e-5f).get(0);
        }
    }

    @Benchmark
    public float forwardBackward() {
        try (Workspace.Scope ignored = workspace.enter()) {
            Reduce.sum(Elementwise.mul(Norms.layerNorm(x, w, b, 1e-5f), weights))
                    .backward();
            return x.grad().get(0);
        }
    }
}
