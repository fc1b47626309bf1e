package org.fedcot.tensor.opencl;

import static org.fedcot.tensor.opencl.ClLibrary.CL_INT;
import static org.fedcot.tensor.opencl.ClLibrary.CL_ULONG;
import static org.fedcot.tensor.opencl.ClLibrary.PTR;
import static org.fedcot.tensor.opencl.ClLibrary.SIZE_T;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenCL device and the facts the backend needs about it.
 *
 * @param type          CL_DEVICE_TYPE bits (2 CPU, 4 GPU, 8 accelerator)
 * @param globalMemory  bytes of device memory
 * @param computeUnits  compute units (cores on a CPU device, SMs or CUs on a GPU)
 * @param maxWorkGroup  the largest work-group size
 * @param fp64          whether it supports double precision (cl_khr_fp64), which gradient norms use
 */
record ClDevice(
        ClPlatform platform,
        MemorySegment id,
        String name,
        long type,
        long globalMemory,
        int computeUnits,
        long maxWorkGroup,
        boolean fp64) {
    private static final long CL_DEVICE_TYPE_ALL = 0xFFFFFFFFL;
    private static final int CL_DEVICE_NOT_FOUND = -1;
    private static final int CL_DEVICE_TYPE = 0x1000;
    private static final int CL_DEVICE_MAX_COMPUTE_UNITS = 0x1002;
    private static final int CL_DEVICE_MAX_WORK_GROUP_SIZE = 0x1004;
    private static final int CL_DEVICE_GLOBAL_MEM_SIZE = 0x101F;
    private static final int CL_DEVICE_NAME = 0x102B;
    private static final int CL_DEVICE_EXTENSIONS = 0x1030;

    private static final MethodHandle GET_IDS =
            ClLibrary.function("clGetDeviceIDs", false, ClLibrary.status(PTR, CL_ULONG, CL_INT, PTR, PTR));
    private static final MethodHandle GET_INFO =
            ClLibrary.function("clGetDeviceInfo", false, ClLibrary.status(PTR, CL_INT, SIZE_T, PTR, PTR));

    /** Every device of every platform, in platform order: the numbering of {@code --device N}. */
    static List<ClDevice> all() {
        List<ClDevice> devices = new ArrayList<>();
        for (ClPlatform p : ClPlatform.all()) {
            devices.addAll(of(p));
        }
        return devices;
    }

    private static List<ClDevice> of(ClPlatform platform) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(CL_INT);
            int rc = (int) GET_IDS.invokeExact(platform.id(), CL_DEVICE_TYPE_ALL, 0, MemorySegment.NULL, count);
            if (rc == CL_DEVICE_NOT_FOUND) {
                return List.of();
            }
            ClException.check("clGetDeviceIDs", rc);
            int n = count.get(CL_INT, 0);
            MemorySegment ids = arena.allocate(PTR, Math.max(n, 1));
            ClException.check("clGetDeviceIDs", (int)
                    GET_IDS.invokeExact(platform.id(), CL_DEVICE_TYPE_ALL, n, ids, MemorySegment.NULL));
            List<ClDevice> devices = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                MemorySegment id = ids.getAtIndex(ValueLayout.ADDRESS, i);
                devices.add(new ClDevice(
                        platform,
                        id,
                        text(id, CL_DEVICE_NAME),
                        number(id, CL_DEVICE_TYPE, 8),
                        number(id, CL_DEVICE_GLOBAL_MEM_SIZE, 8),
                        (int) number(id, CL_DEVICE_MAX_COMPUTE_UNITS, 4),
                        number(id, CL_DEVICE_MAX_WORK_GROUP_SIZE, 8),
                        text(id, CL_DEVICE_EXTENSIONS).contains("cl_khr_fp64")));
            }
            return devices;
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    /** "GPU", "CPU" or "accelerator", for messages. */
    String kind() {
        return (type & 4) != 0 ? "GPU" : (type & 2) != 0 ? "CPU" : "accelerator";
    }

    @Override
    public String toString() {
        return name + " (" + kind() + ", " + platform.name() + ", " + computeUnits + " compute units, "
                + (globalMemory >> 20) + " MiB)";
    }

    private static long number(MemorySegment id, int param, int bytes) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(8);
            ClException.check(
                    "clGetDeviceInfo", (int) GET_INFO.invokeExact(id, param, (long) bytes, value, MemorySegment.NULL));
            return bytes == 4 ? value.get(CL_INT, 0) : value.get(CL_ULONG, 0);
        }
    }

    private static String text(MemorySegment id, int param) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(SIZE_T);
            ClException.check("clGetDeviceInfo", (int) GET_INFO.invokeExact(id, param, 0L, MemorySegment.NULL, size));
            MemorySegment text = arena.allocate(size.get(SIZE_T, 0) + 1);
            ClException.check("clGetDeviceInfo", (int)
                    GET_INFO.invokeExact(id, param, text.byteSize(), text, MemorySegment.NULL));
            return text.getString(0).trim();
        }
    }
}
