package org.fedcot.tensor.opencl;

import java.util.Locale;
import org.fedcot.tensor.Accelerator;
import org.fedcot.tensor.cpu.Parallel;

/**
 * The backend a run asked for ({@code --backend cpu|opencl|auto}, {@code --device N}), resolved to
 * an {@link Accelerator} (null for the CPU backend) and a one-line note saying what was picked.
 *
 * @param accelerator the device backend, or null for the CPU
 * @param note        what runs the kernels, or why {@code auto} fell back to the CPU
 */
public record BackendChoice(Accelerator accelerator, String note) {

    /**
     * Resolves {@code backend} ({@code cpu}, {@code opencl} or {@code auto}) on OpenCL device
     * {@code device}. {@code auto} takes OpenCL when a device exists and the CPU otherwise.
     *
     * @throws IllegalArgumentException with a one-line reason for an unknown backend, or when
     *                                  {@code opencl} was asked for and cannot be had
     */
    public static BackendChoice resolve(String backend, int device) {
        String cpuNote = "backend: cpu (" + Parallel.threads() + " threads)";
        switch (backend.toLowerCase(Locale.ROOT)) {
            case "cpu" -> {
                return new BackendChoice(null, cpuNote);
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
                    return new BackendChoice(null, cpuNote + "; OpenCL not used: " + why);
                }
                return openOrThrow(device);
            }
            default -> throw new IllegalArgumentException("--backend: unknown backend '" + backend
                    + "'; available: cpu, opencl, auto");
        }
    }

    /** Makes this choice the backend of the whole process (see {@link Accelerator#use}). */
    public void apply() {
        Accelerator.use(accelerator);
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
