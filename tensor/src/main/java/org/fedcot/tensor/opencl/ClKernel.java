package org.fedcot.tensor.opencl;

import static org.fedcot.tensor.opencl.ClLibrary.CL_INT;
import static org.fedcot.tensor.opencl.ClLibrary.PTR;
import static org.fedcot.tensor.opencl.ClLibrary.SIZE_T;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** One kernel of a built program, with setters for its arguments by position. Not thread-safe. */
final class ClKernel implements AutoCloseable {
    private static final MethodHandle CREATE =
            ClLibrary.function("clCreateKernel", false, ClLibrary.handle(PTR, PTR, PTR));
    private static final MethodHandle SET_ARG =
            ClLibrary.function("clSetKernelArg", false, ClLibrary.status(PTR, CL_INT, SIZE_T, PTR));
    private static final MethodHandle RELEASE = ClLibrary.function("clReleaseKernel", false, ClLibrary.status(PTR));

    private final MemorySegment id;
    private final String name;
    /** Where argument values are staged: clSetKernelArg copies them, so one slot serves every call. */
    private final MemorySegment value = Arena.ofAuto().allocate(8);

    ClKernel(ClProgram program, String name) {
        this.name = name;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = arena.allocate(CL_INT);
            id = (MemorySegment) CREATE.invokeExact(program.id(), arena.allocateFrom(name), err);
            ClException.check("clCreateKernel(" + program.name() + "." + name + ")", err.get(CL_INT, 0));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    MemorySegment id() {
        return id;
    }

    String name() {
        return name;
    }

    void setBuffer(int index, ClBuffer buffer) {
        value.set(ValueLayout.ADDRESS, 0, buffer.id());
        set(index, ValueLayout.ADDRESS.byteSize());
    }

    void setInt(int index, int v) {
        value.set(ValueLayout.JAVA_INT, 0, v);
        set(index, 4);
    }

    void setFloat(int index, float v) {
        value.set(ValueLayout.JAVA_FLOAT, 0, v);
        set(index, 4);
    }

    void setLong(int index, long v) {
        value.set(ValueLayout.JAVA_LONG, 0, v);
        set(index, 8);
    }

    private void set(int index, long size) {
        try {
            ClException.check(
                    "clSetKernelArg(" + name + ", " + index + ")", (int) SET_ARG.invokeExact(id, index, size, value));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    @Override
    public void close() {
        try {
            ClException.check("clReleaseKernel", (int) RELEASE.invokeExact(id));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }
}
