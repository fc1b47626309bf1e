package org.fedcot.tensor.opencl;

import static org.fedcot.tensor.opencl.ClLibrary.CL_INT;
import static org.fedcot.tensor.opencl.ClLibrary.CL_ULONG;
import static org.fedcot.tensor.opencl.ClLibrary.PTR;
import static org.fedcot.tensor.opencl.ClLibrary.SIZE_T;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** A device buffer (cl_mem) of {@code bytes} bytes. */
record ClBuffer(MemorySegment id, long bytes) implements AutoCloseable {
    private static final long CL_MEM_READ_WRITE = 1;

    private static final MethodHandle CREATE =
            ClLibrary.function("clCreateBuffer", false, ClLibrary.handle(PTR, CL_ULONG, SIZE_T, PTR, PTR));
    private static final MethodHandle RELEASE = ClLibrary.function("clReleaseMemObject", false, ClLibrary.status(PTR));

    static ClBuffer create(ClContext context, long bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = arena.allocate(CL_INT);
            MemorySegment id = (MemorySegment)
                    CREATE.invokeExact(context.id(), CL_MEM_READ_WRITE, Math.max(bytes, 4L), MemorySegment.NULL, err);
            ClException.check("clCreateBuffer(" + bytes + " bytes)", err.get(CL_INT, 0));
            return new ClBuffer(id, bytes);
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    @Override
    public void close() {
        try {
            ClException.check("clReleaseMemObject", (int) RELEASE.invokeExact(id));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }
}
