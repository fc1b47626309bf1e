package org.fedcot.tensor.ops;

import static org.fedcot.tensor.ops.GradCheck.check;
import static org.fedcot.tensor.ops.GradCheck.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Slicing the last dimension: values, shape, finite-difference gradients, and bad ranges. */
class SliceTest {
    private final SplittableRandom rng = new SplittableRandom(3);

    @Test
    void takesTheColumnsOfEveryRow() {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 2, 3);
        Tensor s = Slice.lastDim(x, 1, 3);
        assertArrayEquals(new int[] {2, 2, 2}, s.shape());
        assertArrayEquals(new float[] {1, 2, 4, 5, 7, 8, 10, 11}, s.toArray());
    }

    @Test
    void gradientsOfSeveralSlicesOfOneTensorAddUp() {
        Tensor x = random(rng, 1, 2, 3, 9);
        check("slice", in -> Slice.lastDim(in[0], 2, 7), x);
        check(
                "three slices",
                in -> Elementwise.add(
                        Elementwise.mul(Slice.lastDim(in[0], 0, 3), Slice.lastDim(in[0], 3, 6)),
                        Slice.lastDim(in[0], 6, 9)),
                x);
    }

    @Test
    void rejectsEmptyOrOutOfRangeSlices() {
        Tensor x = Tensor.zeros(2, 4);
        assertThrows(IllegalArgumentException.class, () -> Slice.lastDim(x, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Slice.lastDim(x, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> Slice.lastDim(x, 1, 5));
    }
}
