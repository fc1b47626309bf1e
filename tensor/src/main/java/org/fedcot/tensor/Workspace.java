package org.fedcot.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pool of float arrays for op outputs and intermediate gradients. While a workspace is entered on
 * a thread, {@link Tensor#scratch} takes zeroed arrays from it and {@link Tensor#output} takes
 * them as their last user left them; when the scope closes every array lent in it goes back to the
 * pool. A training loop that enters the same workspace each step therefore allocates its
 * activations once, on the first step.
 *
 * <pre>{@code
 * Workspace ws = new Workspace();
 * for (...) { try (Workspace.Scope s = ws.enter()) { loss = ...; loss.backward(); opt.step(); } }
 * }</pre>
 * Tensors created inside a scope must not be used after it closes: copy out what you keep.
 */
public final class Workspace {
    private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final List<float[]> lent = new ArrayList<>();
    private final boolean poison;
    private long allocatedFloats;

    public Workspace() {
        this(false);
    }

    private Workspace(boolean poison) {
        this.poison = poison;
    }

    /**
     * A workspace whose uninitialised arrays come filled with NaN, new ones included: for tests and
     * for debugging a new op, so a kernel that reads an output element before writing it shows up.
     */
    public static Workspace poisoned() {
        return new Workspace(true);
    }

    /** Makes this workspace current on this thread until the returned scope closes. */
    public Scope enter() {
        Workspace previous = CURRENT.get();
        CURRENT.set(this);
        return new Scope(this, previous);
    }

    /** Floats ever allocated by this pool: stops growing once a loop reaches its steady state. */
    public long allocatedFloats() {
        return allocatedFloats;
    }

    /**
     * An array of {@code n} floats from the current workspace, or a new one when none is entered.
     * Unless {@code zeroed}, a reused array keeps whatever its previous user wrote (NaN included).
     */
    static float[] allocate(int n, boolean zeroed) {
        Workspace ws = CURRENT.get();
        return ws == null ? new float[n] : ws.take(n, zeroed);
    }

    private float[] take(int n, boolean zeroed) {
        ArrayDeque<float[]> q = free.get(n);
        float[] a = q == null ? null : q.poll();
        if (a == null) {
            a = new float[n];
            allocatedFloats += n;
        } else if (zeroed) {
            Backend.current().fillZero(a, 0, n);
        }
        if (poison && !zeroed) {
            Arrays.fill(a, Float.NaN);
        }
        lent.add(a);
        return a;
    }

    private void releaseAll() {
        for (float[] a : lent) {
            free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).add(a);
        }
        lent.clear();
    }

    /** An entered workspace; closing it returns every array lent in it and restores the previous one. */
    public static final class Scope implements AutoCloseable {
        private final Workspace workspace;
        private final Workspace previous;

        private Scope(Workspace workspace, Workspace previous) {
            this.workspace = workspace;
            this.previous = previous;
        }

        @Override
        public void close() {
            workspace.releaseAll();
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
