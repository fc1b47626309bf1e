package org.fedcot.tensor.opencl;

import static org.fedcot.tensor.opencl.ClLibrary.CL_INT;
import static org.fedcot.tensor.opencl.ClLibrary.PTR;
import static org.fedcot.tensor.opencl.ClLibrary.SIZE_T;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** A program built from OpenCL C source for one device; a failed build reports the compiler's log. */
record ClProgram(MemorySegment id, String name) implements AutoCloseable {
    private static final int CL_PROGRAM_BUILD_LOG = 0x1183;

    private static final MethodHandle CREATE =
            ClLibrary.function("clCreateProgramWithSource", false, ClLibrary.handle(PTR, CL_INT, PTR, PTR, PTR));
    private static final MethodHandle BUILD =
            ClLibrary.function("clBuildProgram", false, ClLibrary.status(PTR, CL_INT, PTR, PTR, PTR, PTR));
    private static final MethodHandle BUILD_INFO =
            ClLibrary.function("clGetProgramBuildInfo", false, ClLibrary.status(PTR, PTR, CL_INT, SIZE_T, PTR, PTR));
    private static final MethodHandle RELEASE = ClLibrary.function("clReleaseProgram", false, ClLibrary.status(PTR));

    /** Compiles {@code source} (named {@code name} in errors) for the context's device. */
    static ClProgram build(ClContext context, String name, String source, String options) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom(source);
            MemorySegment strings = arena.allocateFrom(ValueLayout.ADDRESS, text);
            MemorySegment err = arena.allocate(CL_INT);
            MemorySegment id = (MemorySegment) CREATE.invokeExact(context.id(), 1, strings, MemorySegment.NULL, err);
            ClException.check("clCreateProgramWithSource(" + name + ")", err.get(CL_INT, 0));
            MemorySegment devices =
                    arena.allocateFrom(ValueLayout.ADDRESS, context.device().id());
            int rc = (int) BUILD.invokeExact(
                    id, 1, devices, arena.allocateFrom(options), MemorySegment.NULL, MemorySegment.NULL);
            if (rc != 0) {
                throw new IllegalStateException(
                        "OpenCL build of " + name + " failed (" + rc + "):\n" + buildLog(id, context.device()));
            }
            return new ClProgram(id, name);
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    private static String buildLog(MemorySegment program, ClDevice device) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(SIZE_T);
            ClException.check("clGetProgramBuildInfo", (int)
                    BUILD_INFO.invokeExact(program, device.id(), CL_PROGRAM_BUILD_LOG, 0L, MemorySegment.NULL, size));
            MemorySegment log = arena.allocate(size.get(SIZE_T, 0) + 1);
            ClException.check("clGetProgramBuildInfo", (int) BUILD_INFO.invokeExact(
                    program, device.id(), CL_PROGRAM_BUILD_LOG, log.byteSize(), log, MemorySegment.NULL));
            return log.getString(0);
        }
    }

    @Override
    public void close() {
        try {
            ClException.check("clReleaseProgram", (int) RELEASE.invokeExact(id));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }
}
