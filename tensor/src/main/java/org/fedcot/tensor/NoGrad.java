package org.fedcot.tensor;

/**
 * A scope in which ops record no backward (inference): {@code try (NoGrad ignored = NoGrad.enter()) {...}}.
 * Scopes nest; the previous mode is restored on close. Per thread.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);
    private final boolean previous;

    private NoGrad() {
        previous = ENABLED.get();
        ENABLED.set(Boolean.FALSE);
    }

    public static NoGrad enter() {
        return new NoGrad();
    }

    public static boolean isGradEnabled() {
        return ENABLED.get();
    }

    @Override
    public void close() {
        ENABLED.set(previous);
    }
}
