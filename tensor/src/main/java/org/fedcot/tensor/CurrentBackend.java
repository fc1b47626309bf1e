package org.fedcot.tensor;

import org.fedcot.tensor.cpu.CpuBackend;

/** Holds the process's {@link Backend}, which an interface cannot keep in a field of its own. */
final class CurrentBackend {
    /** Read on every op: a plain field, as it is written only between steps ({@link Backend#use}). */
    static Backend current = CpuBackend.INSTANCE;

    private CurrentBackend() {}
}
