package org.fedcot.tensor.opencl;

import static org.fedcot.tensor.opencl.ClLibrary.CL_INT;
import static org.fedcot.tensor.opencl.ClLibrary.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** An OpenCL context over one device: the scope buffers and programs belong to. */
record ClContext(MemorySegment id, ClDevice device) implements AutoCloseable {
    private static final MethodHandle CREATE =
            ClLibrary.function("clCreateContext", false, ClLibrary.handle(PTR, CL_INT, PTR, PTR, PTR, PTR));
    private static final MethodHandle RELEASE = ClLibrary.function("clReleaseContext", false, ClLibrary.status(PTR));

    static ClContext create(ClDevice device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment devices = arena.allocateFrom(ValueLayout.ADDRESS, device.id());
            MemorySegment err = arena.allocate(CL_INT);
            MemorySegment id = (MemorySegment)
                    CREATE.invokeExact(MemorySegment.NULL, 1, devices, MemorySegment.NULL, MemorySegment.NULL, err);
            ClException.check("clCreateContext", err.get(CL_INT, 0));
            return new ClContext(id, device);
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    @Override
    public void close() {
        try {
            ClException.check("clReleaseContext", (int) RELEASE.invokeExact(id));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }
}
