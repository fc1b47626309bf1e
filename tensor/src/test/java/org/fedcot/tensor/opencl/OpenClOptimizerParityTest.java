package org.fedcot.tensor.opencl;

import static org.fedcot.tensor.opencl.OpenClTestSupport.assertClose;
import static org.fedcot.tensor.opencl.OpenClTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.CpuBackend;
import org.fedcot.tensor.ops.CrossEntropy;
import org.fedcot.tensor.ops.Linear;
import org.fedcot.tensor.optim.AdamW;
import org.fedcot.tensor.optim.GradClip;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AdamW and gradient clipping on the device against the CPU: weights, moments, norms, and the finiteness check. */
class OpenClOptimizerParityTest {
    private static OpenClBackend device;

    @BeforeAll
    static void openDevice() {
        device = OpenClTestSupport.deviceOrSkip();
    }

    /** Weights, then first and second moments, then the pre-clip norms, after five clipped AdamW steps. */
    private static float[][] steps(Backend backend) {
        return OpenClTestSupport.on(backend, () -> {
            SplittableRandom rng = new SplittableRandom(11);
            Tensor w = Tensor.of(uniform(rng, 13 * 40, 1f), 13, 40).requiresGrad(true);
            Tensor x = Tensor.of(uniform(rng, 9 * 40, 1f), 9, 40);
            int[] targets = {0, 3, 12, 7, 7, 1, 2, 9, 4};
            AdamW opt = new AdamW(List.of(w), 1e-2, 0.9, 0.999, 1e-8, 0.1);
            float[] norms = new float[5];
            for (int s = 0; s < 5; s++) {
                opt.zeroGrad();
                CrossEntropy.loss(Linear.forward(x, w, null), targets).backward();
                norms[s] = (float) GradClip.clipGlobalNorm(List.of(w), 0.5);
                opt.step();
            }
            AdamW.ParamState st = opt.state().params().get(0);
            return new float[][] {w.toArray(), st.m(), st.v(), norms};
        });
    }

    @Test
    void clippedAdamWStepsMatchTheCpu() {
        float[][] cpu = steps(CpuBackend.INSTANCE);
        float[][] cl = steps(device);
        String[] what = {"weights", "first moment", "second moment", "gradient norms"};
        for (int i = 0; i < what.length; i++) {
            assertClose(what[i], cpu[i], cl[i], 1e-5);
        }
        assertTrue(cpu[3][0] > 0.5f, "the first step should have been clipped: norm " + cpu[3][0]);
    }

    @Test
    void aNonFiniteGradientOnTheDeviceIsNamedAndNothingMoves() {
        IllegalStateException e = OpenClTestSupport.on(device, () -> {
            Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 4).named("w").requiresGrad(true);
            w.gradBuffer().set(2, Float.NaN);
            AdamW opt = new AdamW(List.of(w));
            IllegalStateException thrown = assertThrows(IllegalStateException.class, opt::step);
            assertEquals(3f, w.get(2));
            return thrown;
        });
        assertTrue(e.getMessage().contains("gradient of w is NaN at element 2"), e.getMessage());
    }
}
