package org.fedcot.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fedcot.tensor.ops.Elementwise;
import org.fedcot.tensor.ops.Reduce;
import org.junit.jupiter.api.Test;

/** The tape's contract: gradients accumulate, shared inputs sum their paths, no-grad records nothing. */
class AutogradTest {
    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        Reduce.sum(Elementwise.scale(x, 2f)).backward();
        Reduce.sum(Elementwise.scale(x, 2f)).backward();
        assertArrayEquals(new float[] {4, 4, 4}, x.grad().toArray());
        x.zeroGrad();
        assertArrayEquals(new float[] {0, 0, 0}, x.grad().toArray());
    }

    @Test
    void aTensorUsedTwiceGetsTheSumOfBothPaths() {
        // d/dx sum(x*x + 3x) = 2x + 3
        Tensor x = Tensor.of(new float[] {-1, 0.5f}, 2).requiresGrad(true);
        Reduce.sum(Elementwise.add(Elementwise.mul(x, x), Elementwise.scale(x, 3f)))
                .backward();
        assertArrayEquals(new float[] {1f, 4f}, x.grad().toArray());
    }

    @Test
    void noGradScopeRecordsNothingAndRestoresTheMode() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor y;
        try (NoGrad ignored = NoGrad.enter()) {
            y = Elementwise.scale(x, 2f);
        }
        assertFalse(y.requiresGrad());
        assertThrows(IllegalStateException.class, () -> Reduce.sum(y).backward());
        Reduce.sum(Elementwise.scale(x, 2f)).backward();
        assertArrayEquals(new float[] {2, 2}, x.grad().toArray());
    }

    @Test
    void onlyLeavesThatAskForGradientsGetThem() {
        Tensor w = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor c = Tensor.of(new float[] {5, 7}, 2);
        Reduce.sum(Elementwise.mul(w, c)).backward();
        assertArrayEquals(new float[] {5, 7}, w.grad().toArray());
        assertNull(c.grad());
    }

    @Test
    void aViewSharesItsBufferAndALeafGradientOutlivesTheWorkspace() {
        float[] flat = {9, 1, 2, 3, 9};
        Tensor v = Tensor.view(flat, 1, 3).requiresGrad(true);
        Workspace ws = new Workspace();
        try (Workspace.Scope ignored = ws.enter()) {
            Reduce.sum(Elementwise.scale(v, 1f)).backward();
        }
        try (Workspace.Scope ignored = ws.enter()) {
            Tensor scratch = Tensor.scratch(3);
            scratch.set(0, 42f);
            assertEquals(1f, v.grad().get(0), "the leaf gradient must not be recycled by the workspace");
        }
        v.set(0, 5f);
        assertEquals(5f, flat[1]);
        assertSame(flat, v.hostData());
    }

    @Test
    void workspaceReusesArraysOnceAScopeCloses() {
        Workspace ws = new Workspace();
        float[] first;
        try (Workspace.Scope ignored = ws.enter()) {
            first = Tensor.scratch(8).hostData();
            first[0] = 3f;
        }
        try (Workspace.Scope ignored = ws.enter()) {
            Tensor again = Tensor.scratch(8);
            assertSame(first, again.hostData());
            assertEquals(0f, again.get(0), "a reused array comes back zeroed");
        }
        assertEquals(8, ws.allocatedFloats());
    }
}
