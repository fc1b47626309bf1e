package org.fedcot.tensor.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.Workspace;
import org.fedcot.tensor.cpu.CpuBackend;
import org.fedcot.tensor.optim.AdamW;
import org.fedcot.tensor.optim.GradClip;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 50 AdamW steps (with gradient clipping and a pooled workspace, as the Trainer runs them) of a
 * small Llama on OpenCL follow the CPU backend's loss curve within 1e-4, and the parameters,
 * gradients and moments stay on the device: after the first step, a step uploads only its batch.
 */
class OpenClTrainingParityTest {
    private static final int STEPS = 50;
    private static final int B = 4;
    private static final int T = 12;
    private static OpenClBackend device;

    @BeforeAll
    static void openDevice() {
        device = OpenClTestSupport.deviceOrSkip();
    }

    @Test
    void fiftyStepsFollowTheCpuLossCurve() {
        float[] cpu = train(CpuBackend.INSTANCE, new long[1]);
        long[] perStepUpload = new long[1];
        float[] cl = train(device, perStepUpload);
        for (int s = 0; s < STEPS; s++) {
            double diff = Math.abs(cl[s] - cpu[s]);
            int step = s;
            assertTrue(
                    diff <= 1e-4 * Math.abs(cpu[s]),
                    () -> "step " + step + ": loss " + cl[step] + " on OpenCL, " + cpu[step] + " on the CPU");
        }
        assertTrue(cpu[STEPS - 1] < 0.6 * cpu[0], "the model should learn: " + cpu[0] + " -> " + cpu[STEPS - 1]);
        // the batch is 2 * B * T ints sent to each of a few kernels, plus per-row scales; the model is ~40 KB
        assertTrue(perStepUpload[0] < 4096, "a steady step uploaded " + perStepUpload[0] + " bytes");
    }

    /** The loss of each step; {@code steadyUpload[0]} gets the bytes the last step uploaded. */
    private static float[] train(Backend backend, long[] steadyUpload) {
        return OpenClTestSupport.on(backend, () -> {
            TinyLlama model = new TinyLlama(3);
            List<Tensor> params = model.parameters();
            params.forEach(Tensor::gradBuffer);
            AdamW opt = new AdamW(params, 3e-3, 0.9, 0.999, 1e-8, 0.01);
            Workspace ws = new Workspace();
            float[] losses = new float[STEPS];
            long before = 0;
            for (int s = 0; s < STEPS; s++) {
                if (backend instanceof OpenClBackend cl) {
                    before = cl.bytesUploaded();
                }
                int[][] batch = TinyLlama.batch(s, B, T);
                opt.zeroGrad();
                try (Workspace.Scope ignored = ws.enter()) {
                    Tensor loss = model.loss(batch[0], batch[1], B, T);
                    loss.backward();
                    losses[s] = loss.item();
                }
                GradClip.clipGlobalNorm(params, 1.0);
                opt.step();
            }
            if (backend instanceof OpenClBackend cl) {
                steadyUpload[0] = cl.bytesUploaded() - before;
            }
            return losses;
        });
    }
}
