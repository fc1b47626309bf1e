package org.fedcot.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tensor that the heap cannot hold fails with an error naming its shape and size. The tensors asked for
 * are larger than the whole heap (the tests run with -Xmx4g), so the JVM refuses them at once without
 * filling the heap first.
 */
class TensorOutOfMemoryTest {
    /** The longest float array the JVM allows: 8 GiB. */
    private static final int HUGE = Integer.MAX_VALUE - 8;

    @BeforeEach
    void heapSmallerThanTheTensor() {
        assumeTrue(
                Runtime.getRuntime().maxMemory() < (long) HUGE * Float.BYTES,
                "the heap could hold the tensor; run with -Xmx below 8g");
    }

    @Test
    void zerosNamesTheShapeAndTheBytes() {
        TensorOutOfMemoryError e = assertThrows(TensorOutOfMemoryError.class, () -> Tensor.zeros(1, HUGE));
        assertEquals("a 1x" + HUGE + " tensor", e.allocation());
        assertEquals(4L * HUGE, e.bytes());
        assertEquals("out of memory allocating a 1x" + HUGE + " tensor (" + 4L * HUGE + " bytes)", e.getMessage());
        assertInstanceOf(OutOfMemoryError.class, e.getCause(), "the JVM's own error is kept as the cause");
    }

    @Test
    void workspaceTensorsFailTheSameWay() {
        try (Workspace.Scope ignored = new Workspace().enter()) {
            assertThrows(TensorOutOfMemoryError.class, () -> Tensor.scratch(HUGE));
            assertThrows(TensorOutOfMemoryError.class, () -> Tensor.output(HUGE));
        }
        assertThrows(TensorOutOfMemoryError.class, () -> Tensor.scratch(HUGE), "no workspace open");
    }

    @Test
    void aCallerThatKnowsTheNameAddsIt() {
        TensorOutOfMemoryError e = assertThrows(TensorOutOfMemoryError.class, () -> Tensor.zeros(HUGE));
        TensorOutOfMemoryError named = e.named("model.embed_tokens.weight");
        assertEquals("a " + HUGE + " tensor 'model.embed_tokens.weight'", named.allocation());
        assertEquals(e.bytes(), named.bytes());
        assertEquals(e.getCause(), named.getCause());
    }
}
