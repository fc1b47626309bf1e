package org.fedcot.tensor.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsFile;
import org.junit.jupiter.api.Test;

/**
 * AdamW against {@code torch.optim.AdamW} (torch 1.13, fixtures/adamw.safetensors): ten steps,
 * each parameter compared after every step with an absolute tolerance of 1e-6 (parameters are O(1)).
 */
class AdamWTorchParityTest {
    private static final double TOL = 1e-6;

    @Test
    void constantLrWithSkippedGradientsMatchesTorch() throws IOException {
        try (SafetensorsFile f = OptimFixtures.open("adamw.safetensors")) {
            AdamW opt = replay(f, "constant", null, 0, steps(f));
            // p2 had no gradient at two of the steps, and torch does not count those for it.
            int skipped = f.metadata().get("constant.skip_p2").split(",").length;
            assertEquals(steps(f) - skipped, opt.state().params().get(2).step());
            assertEquals(steps(f), opt.state().params().get(0).step());
            assertEquals(steps(f), opt.stepCount());
        }
    }

    @Test
    void cosineScheduleThroughLambdaLrMatchesTorch() throws IOException {
        try (SafetensorsFile f = OptimFixtures.open("adamw.safetensors")) {
            Map<String, String> meta = f.metadata();
            LrSchedule schedule = LrSchedule.cosine(
                    Double.parseDouble(meta.get("lr")),
                    Integer.parseInt(meta.get("cosine.warmup")),
                    Integer.parseInt(meta.get("cosine.total")));
            replay(f, "cosine", schedule, 0, steps(f));
        }
    }

    @Test
    void resumingFromStateIsBitExact() throws IOException {
        try (SafetensorsFile f = OptimFixtures.open("adamw.safetensors")) {
            int half = steps(f) / 2;
            AdamW first = replay(f, "constant", null, 0, half);
            AdamW resumed = newOptimizer(f, copies(first.params()));
            resumed.loadState(first.state());
            assertEquals(half, resumed.stepCount());
            replayFrom(f, "constant", null, resumed, half, steps(f));

            AdamW straight = replay(f, "constant", null, 0, steps(f));
            for (int i = 0; i < straight.params().size(); i++) {
                assertArrayEquals(
                        straight.params().get(i).toArray(),
                        resumed.params().get(i).toArray());
                assertArrayEquals(
                        straight.state().params().get(i).m(),
                        resumed.state().params().get(i).m());
                assertArrayEquals(
                        straight.state().params().get(i).v(),
                        resumed.state().params().get(i).v());
            }
        }
    }

    /** Builds an optimiser over the case's initial parameters and replays steps {@code [from, to)}. */
    private static AdamW replay(SafetensorsFile f, String c, LrSchedule schedule, int from, int to) throws IOException {
        List<Tensor> params = new ArrayList<>();
        for (String p : paramNames(f)) {
            params.add(f.read(c + ".init." + p).named(p).requiresGrad(true));
        }
        AdamW opt = newOptimizer(f, params);
        replayFrom(f, c, schedule, opt, from, to);
        return opt;
    }

    /**
     * Replays fixture steps {@code from+1 .. to} on {@code opt}, checking the parameters after each
     * and, at the last fixture step, both moments.
     */
    private static void replayFrom(SafetensorsFile f, String c, LrSchedule schedule, AdamW opt, int from, int to)
            throws IOException {
        List<String> names = paramNames(f);
        double worstParam = 0;
        for (int k = from + 1; k <= to; k++) {
            for (int i = 0; i < names.size(); i++) {
                String g = c + ".grad." + k + "." + names.get(i);
                opt.params().get(i).setGrad(f.contains(g) ? f.read(g) : null);
            }
            if (schedule != null) {
                // LambdaLR: optimizer step k runs with the multiplier of scheduler step k - 1.
                opt.setLearningRate(schedule.lr(k - 1));
            }
            opt.step();
            for (int i = 0; i < names.size(); i++) {
                Tensor expected = f.read(c + ".param." + k + "." + names.get(i));
                double d = OptimFixtures.maxAbsDiff(opt.params().get(i), expected);
                assertTrue(d <= TOL, c + " step " + k + " " + names.get(i) + ": max |diff| " + d);
                worstParam = Math.max(worstParam, d);
            }
        }
        if (to == steps(f)) {
            double worstMoment = 0;
            for (int i = 0; i < names.size(); i++) {
                AdamW.ParamState s = opt.state().params().get(i);
                worstMoment = Math.max(worstMoment, maxAbsDiff(s.m(), f.read(c + ".exp_avg." + names.get(i))));
                worstMoment = Math.max(worstMoment, maxAbsDiff(s.v(), f.read(c + ".exp_avg_sq." + names.get(i))));
            }
            assertTrue(worstMoment <= TOL, c + ": moments max |diff| " + worstMoment);
            System.out.printf(
                    "AdamW vs torch, case %s: params max |diff| %.3g, moments max |diff| %.3g%n",
                    c, worstParam, worstMoment);
        }
    }

    private static AdamW newOptimizer(SafetensorsFile f, List<Tensor> params) {
        Map<String, String> meta = f.metadata();
        return new AdamW(
                params,
                Double.parseDouble(meta.get("lr")),
                Double.parseDouble(meta.get("beta1")),
                Double.parseDouble(meta.get("beta2")),
                Double.parseDouble(meta.get("eps")),
                Double.parseDouble(meta.get("weight_decay")));
    }

    private static List<Tensor> copies(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : params) {
            out.add(Tensor.of(p.toArray(), p.shape()).named(p.name()).requiresGrad(true));
        }
        return out;
    }

    private static double maxAbsDiff(float[] actual, Tensor expected) {
        return OptimFixtures.maxAbsDiff(Tensor.of(actual, expected.shape()), expected);
    }

    private static List<String> paramNames(SafetensorsFile f) {
        return List.of(f.metadata().get("params").split(","));
    }

    private static int steps(SafetensorsFile f) {
        return Integer.parseInt(f.metadata().get("steps"));
    }
}
