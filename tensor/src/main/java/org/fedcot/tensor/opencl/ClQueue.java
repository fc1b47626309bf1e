package org.fedcot.tensor.opencl;

import static org.fedcot.tensor.opencl.ClLibrary.CL_INT;
import static org.fedcot.tensor.opencl.ClLibrary.CL_ULONG;
import static org.fedcot.tensor.opencl.ClLibrary.PTR;
import static org.fedcot.tensor.opencl.ClLibrary.SIZE_T;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * An in-order command queue: kernels and transfers run in the order they are enqueued, so a kernel
 * never needs an event to wait for the one before it. Transfers are blocking and go straight from
 * and to Java arrays (critical downcalls may read the heap), with no staging copy. Not thread-safe.
 */
final class ClQueue implements AutoCloseable {
    private static final MethodHandle CREATE =
            ClLibrary.function("clCreateCommandQueue", false, ClLibrary.handle(PTR, PTR, CL_ULONG, PTR));
    private static final MethodHandle WRITE = ClLibrary.function(
            "clEnqueueWriteBuffer", true, ClLibrary.status(PTR, PTR, CL_INT, SIZE_T, SIZE_T, PTR, CL_INT, PTR, PTR));
    private static final MethodHandle READ = ClLibrary.function(
            "clEnqueueReadBuffer", true, ClLibrary.status(PTR, PTR, CL_INT, SIZE_T, SIZE_T, PTR, CL_INT, PTR, PTR));
    private static final MethodHandle FILL = ClLibrary.function(
            "clEnqueueFillBuffer", false, ClLibrary.status(PTR, PTR, PTR, SIZE_T, SIZE_T, SIZE_T, CL_INT, PTR, PTR));
    private static final MethodHandle NDRANGE = ClLibrary.function(
            "clEnqueueNDRangeKernel", false, ClLibrary.status(PTR, PTR, CL_INT, PTR, PTR, PTR, CL_INT, PTR, PTR));
    private static final MethodHandle FINISH = ClLibrary.function("clFinish", false, ClLibrary.status(PTR));
    private static final MethodHandle RELEASE =
            ClLibrary.function("clReleaseCommandQueue", false, ClLibrary.status(PTR));
    private static final int CL_TRUE = 1;

    private final MemorySegment id;
    /** Reused argument space: the zero pattern, and global and local sizes of up to 2 dimensions. */
    private final MemorySegment zero;

    private final MemorySegment global;
    private final MemorySegment local;

    ClQueue(ClContext context) {
        Arena arena = Arena.ofAuto();
        zero = arena.allocate(4);
        global = arena.allocate(SIZE_T, 2);
        local = arena.allocate(SIZE_T, 2);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment err = call.allocate(CL_INT);
            id = (MemorySegment)
                    CREATE.invokeExact(context.id(), context.device().id(), 0L, err);
            ClException.check("clCreateCommandQueue", err.get(CL_INT, 0));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    /** Copies {@code host} (a heap segment over a Java array) into the start of {@code buffer}. */
    void write(ClBuffer buffer, MemorySegment host) {
        try {
            ClException.check("clEnqueueWriteBuffer", (int) WRITE.invokeExact(
                    id, buffer.id(), CL_TRUE, 0L, host.byteSize(), host, 0, MemorySegment.NULL, MemorySegment.NULL));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    /** Copies the start of {@code buffer} into {@code host}, waiting for every kernel before it. */
    void read(ClBuffer buffer, MemorySegment host) {
        try {
            ClException.check("clEnqueueReadBuffer", (int) READ.invokeExact(
                    id, buffer.id(), CL_TRUE, 0L, host.byteSize(), host, 0, MemorySegment.NULL, MemorySegment.NULL));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    /** Zeroes {@code bytes} bytes of {@code buffer} from {@code offset} (both multiples of 4). */
    void fillZero(ClBuffer buffer, long offset, long bytes) {
        try {
            ClException.check("clEnqueueFillBuffer", (int) FILL.invokeExact(
                    id, buffer.id(), zero, 4L, offset, bytes, 0, MemorySegment.NULL, MemorySegment.NULL));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    /** Enqueues {@code kernel} over a 1- or 2-dimensional range; {@code localSize} null lets the driver choose. */
    void run(ClKernel kernel, long[] globalSize, long[] localSize) {
        for (int d = 0; d < globalSize.length; d++) {
            global.setAtIndex(SIZE_T, d, globalSize[d]);
            if (localSize != null) {
                local.setAtIndex(SIZE_T, d, localSize[d]);
            }
        }
        MemorySegment localOrDriver = localSize == null ? MemorySegment.NULL : local;
        try {
            ClException.check("clEnqueueNDRangeKernel(" + kernel.name() + ")", (int) NDRANGE.invokeExact(
                    id,
                    kernel.id(),
                    globalSize.length,
                    MemorySegment.NULL,
                    global,
                    localOrDriver,
                    0,
                    MemorySegment.NULL,
                    MemorySegment.NULL));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    /** Waits until everything enqueued has run. */
    void finish() {
        try {
            ClException.check("clFinish", (int) FINISH.invokeExact(id));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    @Override
    public void close() {
        try {
            ClException.check("clReleaseCommandQueue", (int) RELEASE.invokeExact(id));
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }
}
