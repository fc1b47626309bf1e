package org.fedcot.tensor.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenCL C twins of the portable kernel families, built on first use and kept: one program per
 * {@code kernels/*Kernels.java}, from the resource of the same simple name ({@code MatmulKernels.cl}),
 * and one kernel object per function.
 */
final class Programs implements AutoCloseable {
    private static final String RESOURCES = "/org/fedcot/tensor/opencl/";

    private final ClContext context;
    private final Map<Class<?>, ClProgram> programs = new HashMap<>();
    private final Map<String, ClKernel> kernels = new HashMap<>();

    Programs(ClContext context) {
        this.context = context;
    }

    /** The kernel {@code name} of the twin of {@code family}, building the program the first time. */
    ClKernel kernel(Class<?> family, String name) {
        String key = family.getSimpleName() + "." + name;
        ClKernel k = kernels.get(key);
        if (k == null) {
            ClProgram p = programs.computeIfAbsent(family, this::build);
            k = new ClKernel(p, name);
            kernels.put(key, k);
        }
        return k;
    }

    private ClProgram build(Class<?> family) {
        String file = family.getSimpleName() + ".cl";
        try (InputStream in = Programs.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("no OpenCL twin " + RESOURCES + file + " for " + family.getName());
            }
            return ClProgram.build(context, file, new String(in.readAllBytes(), StandardCharsets.UTF_8), "");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    @Override
    public void close() {
        kernels.values().forEach(ClKernel::close);
        programs.values().forEach(ClProgram::close);
        kernels.clear();
        programs.clear();
    }
}
