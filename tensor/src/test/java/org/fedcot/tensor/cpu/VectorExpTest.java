package org.fedcot.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The vector exp against {@link Math#exp}, and against the scalar chain of IEEE operations it stands for. */
class VectorExpTest {
    private final SplittableRandom rng = new SplittableRandom(5);

    @Test
    void vectorExpIsWithinTwoTenthsOfAMillionthOfMathExpAndZeroBelowTheNormals() {
        int L = FloatVector.SPECIES_PREFERRED.length();
        float[] x = new float[L];
        float[] out = new float[L];
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            for (int l = 0; l < L; l++) {
                x[l] = (float) (-rng.nextDouble() * 87);
            }
            if (i == 0) {
                x[0] = 0f;
            }
            VectorExp.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0))
                    .intoArray(out, 0);
            for (int l = 0; l < L; l++) {
                worst = Math.max(worst, Math.abs(out[l] / Math.exp(x[l]) - 1));
            }
        }
        assertTrue(worst < 3e-7, "worst relative error " + worst);
        x[0] = -88f;
        x[1] = Float.NEGATIVE_INFINITY;
        VectorExp.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0))
                .intoArray(out, 0);
        assertEquals(0f, out[0]);
        assertEquals(0f, out[1]);
    }

    /**
     * The vector exp is exactly (bit for bit) this scalar chain of IEEE operations, so neither the JIT nor a
     * vector math library can change its bits between runs (the JDK's vector EXP did, and same-seed trainings
     * drifted apart).
     */
    @Test
    void vectorExpIsBitForBitAScalarChainOfIeeeOperations() {
        int L = FloatVector.SPECIES_PREFERRED.length();
        float[] x = new float[L];
        float[] out = new float[L];
        for (int i = 0; i < 20_000; i++) {
            for (int l = 0; l < L; l++) {
                x[l] = (float) (-rng.nextDouble() * 90);
            }
            VectorExp.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0))
                    .intoArray(out, 0);
            for (int l = 0; l < L; l++) {
                assertEquals(
                        Float.floatToRawIntBits(scalarExp(x[l])), Float.floatToRawIntBits(out[l]), "exp(" + x[l] + ")");
            }
        }
    }

    private static float scalarExp(float x) {
        if (x < -87.33f) {
            return 0f;
        }
        float n = x * 1.44269504f + 12582912f - 12582912f;
        float r = Math.fma(n, -0.693145751953125f, x);
        r = Math.fma(n, -1.42860677e-6f, r);
        float p = 1f / 720;
        for (float c : new float[] {1f / 120, 1f / 24, 1f / 6, 0.5f, 1f, 1f}) {
            p = Math.fma(p, r, c);
        }
        return p * Float.intBitsToFloat(((int) n + 127) << 23);
    }
}
