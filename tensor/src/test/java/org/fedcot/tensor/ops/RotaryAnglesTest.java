package org.fedcot.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A decode step's rows, each at its own position, turned in one pass by {@link Rotary.Angles} get bit
 * for bit what each row gets turned alone at its position (the path a prompt takes), full and partial
 * rotary, both pairings.
 */
class RotaryAnglesTest {
    @ParameterizedTest
    @CsvSource({"8, false", "8, true", "4, false", "6, true"})
    void rowsAtTheirOwnPositionsMatchEachRowAlone(int rotDim, boolean interleaved) {
        int heads = 3;
        int headDim = 8;
        float theta = 10000f;
        int[] positions = {0, 17, 3, 250, 3};
        SplittableRandom rng = new SplittableRandom(5);
        float[] values = new float[positions.length * heads * headDim];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rng.nextGaussian();
        }
        Tensor x = Tensor.of(values, positions.length, 1, heads, headDim);

        float[] together = Rotary.rope(x, Rotary.angles(positions, rotDim, theta), interleaved)
                .toArray();

        int row = heads * headDim;
        for (int r = 0; r < positions.length; r++) {
            Tensor one = Tensor.of(Arrays.copyOfRange(values, r * row, (r + 1) * row), 1, 1, heads, headDim);
            float[] alone =
                    Rotary.rope(one, rotDim, theta, positions[r], interleaved).toArray();
            assertArrayEquals(alone, Arrays.copyOfRange(together, r * row, (r + 1) * row), "row " + r);
        }
    }

    @ParameterizedTest
    @CsvSource({"2, 1", "3, 2"})
    void anglesForAnotherNumberOfRowsAreRefused(int rows, int tokens) {
        Tensor x = Tensor.zeros(rows, tokens, 2, 4);
        Rotary.Angles angles = Rotary.angles(new int[] {1, 2, 3}, 4, 10000f);
        assertThrows(IllegalArgumentException.class, () -> Rotary.rope(x, angles, false));
    }
}
