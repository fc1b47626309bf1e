package org.fedcot.tensor.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsFile;
import org.junit.jupiter.api.Test;

/** Global-norm clipping against {@code torch.nn.utils.clip_grad_norm_} (fixtures/clip.safetensors). */
class GradClipTest {
    @Test
    void matchesTorchWhenClippingAndWhenNot() throws IOException {
        try (SafetensorsFile f = OptimFixtures.open("clip.safetensors")) {
            for (String c : f.metadata().get("cases").split(",")) {
                List<String> names = List.of(f.metadata().get("grads").split(","));
                List<Tensor> params = new ArrayList<>();
                for (String n : names) {
                    Tensor g = f.read(c + ".before." + n);
                    Tensor p = Tensor.zeros(g.shape()).named(n);
                    p.setGrad(g);
                    params.add(p);
                }
                double norm = GradClip.clipGlobalNorm(
                        params, Double.parseDouble(f.metadata().get(c + ".max_norm")));

                double torchNorm = f.read(c + ".norm").item();
                double normRel = Math.abs(norm - torchNorm) / torchNorm;
                assertTrue(normRel <= 1e-6, c + ": norm " + norm + " vs torch " + torchNorm);
                double worst = 0;
                for (int i = 0; i < names.size(); i++) {
                    worst = Math.max(
                            worst,
                            OptimFixtures.maxAbsDiff(params.get(i).grad(), f.read(c + ".after." + names.get(i))));
                }
                assertTrue(worst <= 1e-6, c + ": clipped grads max |diff| " + worst);
                System.out.printf(
                        "clip vs torch, case %s: norm rel diff %.3g, grads max |diff| %.3g%n", c, normRel, worst);
            }
        }
    }

    @Test
    void largeGradientsAreSummedAcrossChunksAndClippedToMaxNorm() {
        Random rnd = new Random(7);
        float[] big = new float[100_003];
        double expected = 0;
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) rnd.nextGaussian();
            expected += (double) big[i] * big[i];
        }
        Tensor p = Tensor.zeros(big.length).named("big");
        p.setGrad(Tensor.of(big, big.length));
        Tensor noGrad = Tensor.zeros(3).named("frozen");

        double norm = GradClip.clipGlobalNorm(List.of(p, noGrad), 2.0);

        assertEquals(Math.sqrt(expected), norm, 1e-9 * norm);
        double after = 0;
        for (float g : p.grad().toArray()) {
            after += (double) g * g;
        }
        assertEquals(2.0, Math.sqrt(after), 1e-5);
        assertEquals(null, noGrad.grad());
    }

    @Test
    void belowMaxNormLeavesGradientsUntouched() {
        float[] g = {0.3f, -0.4f};
        Tensor p = Tensor.zeros(2);
        p.setGrad(Tensor.of(g.clone(), 2));
        assertEquals(0.5, GradClip.clipGlobalNorm(List.of(p), 1.0), 1e-7);
        assertArrayEquals(g, p.grad().toArray());
    }

    @Test
    void rejectsNonPositiveMaxNorm() {
        Tensor p = Tensor.zeros(2);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> GradClip.clipGlobalNorm(List.of(p), 0.0));
        assertTrue(e.getMessage().contains("maxNorm"), e.getMessage());
    }
}
