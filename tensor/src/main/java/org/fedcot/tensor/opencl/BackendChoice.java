package org.fedcot.tensor.opencl;

import java.util.Locale;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.cpu.CpuBackend;

/**
 * The backend a run asked for ({@code --backend cpu|opencl|auto}, {@code --device N}), resolved to
 * a {@link Backend} and a one-line note saying what was picked.
 *
 * @param backend     what runs the kernels
 * @param note        what runs the kernels, or why {@code auto} fell back to the CPU
 */
public record BackendChoice(Backend backend, String note) {

    /**
     * Resolves {@code backend} ({@code cpu}, {@code opencl} or {@code auto}) on OpenCL device
     * {@code device}. {@code auto} takes OpenCL when a device exists and the CPU otherwise.
     *
     * @throws IllegalArgumentException with a one-line reason for an unknown backend, or when
     *                                  {@code opencl} was asked for and cannot be had
     */
    public static BackendChoice resolve(String backend, int device) {
        String cpuNote = "backend: " + CpuBackend.INSTANCE.description();
        switch (backend.toLowerCase(Locale.ROOT)) {
            case "cpu" -> {
                return new BackendChoice(CpuBackend.INSTANCE, cpuNote);
            }
            case "opencl" -> {
                String why = OpenClDevices.unavailableReason();
                if (why != null) {
                    throw new IllegalArgumentException("--backend opencl: " + why);
                }
                return openOrThrow(device);
            }
            case "auto" -> {
                String why = OpenClDevices.unavailableReason();
                if (why != null) {
                    return new BackendChoice(CpuBackend.INSTANCE, cpuNote + "; OpenCL not used: " + why);
                }
                return openOrThrow(device);
            }
            default ->
                throw new IllegalArgumentException(
                        "--backend: unknown backend '" + backend + "'; available: cpu, opencl, auto");
        }
    }

    /** Makes this choice the backend of the whole process (see {@link Backend#use}). */
    public void apply() {
        Backend.use(backend);
    }

    private static BackendChoice openOrThrow(int device) {
        try {
            OpenClBackend b = OpenClBackend.open(device);
            return new BackendChoice(b, "backend: " + b.description());
        } catch (IllegalStateException | ClException e) {
            throw new IllegalArgumentException("--backend opencl: " + e.getMessage(), e);
        }
    }
}
