package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorised exp agrees with Math.exp to an ulp, over the utilities the mechanisms feed it. */
class ExponentialsTest {
    @Test
    void matchesMathExpToAnUlp() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] x = new double[1003]; // not a multiple of the vector length: the tail runs too
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
        }
        double[] y = x.clone();
        Exponentials.shiftedInPlace(y, 1, 1.5e3);
        for (int i = 0; i < x.length; i++) {
            double expected = Math.exp(1.5e3 * (x[i] - 1));
            assertEquals(expected, y[i], 2 * Math.ulp(expected), "x = " + x[i]);
        }
    }
}
