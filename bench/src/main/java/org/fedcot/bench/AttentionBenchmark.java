package org.fedcot.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.Workspace;
import org.fedcot.tensor.ops.Attention;
import org.fedcot.tensor.ops.Elementwise;
import org.fedcot.tensor.ops.Reduce;
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

/** Causal grouped-query attention, forward and forward + backward, at a small-model training shape. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AttentionBenchmark {
    @Param({"128", "512"})
    int seq;

    private static final int BATCH = 4;
    private static final int HEADS = 8;
    private static final int KV_HEADS = 4;
    private static final int HEAD_DIM = 64;

    private Tensor q;
    private Tensor k;
    private Tensor v;
    private Tensor weights;
    private final Workspace workspace = new Workspace();

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(1);
        q = random(rng, BATCH, seq, HEADS, HEAD_DIM).requiresGrad(true);
        k = random(rng, BATCH, seq, KV_HEADS, HEAD_DIM).requiresGrad(true);
        v = random(rng, BATCH, seq, KV_HEADS, HEAD_DIM).requiresGrad(true);
        weights = random(rng, BATCH, seq, HEADS, HEAD_DIM);
    }

    @Benchmark
    public float forward() {
        try (Workspace.Scope ignored = workspace.enter()) {
            return Attention.causal(q, k, v).get(0);
        }
    }

    @Benchmark
    public float forwardBackward() {
        try (Workspace.Scope ignored = workspace.enter()) {
            Tensor loss = Reduce.sum(Elementwise.mul(Attention.causal(q, k, v), weights));
            loss.backward();
            return q.grad().get(0);
        }
    }

    static Tensor random(SplittableRandom rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (float) (rng.nextDouble() * 2 - 1));
        }
        return t;
    }
}
