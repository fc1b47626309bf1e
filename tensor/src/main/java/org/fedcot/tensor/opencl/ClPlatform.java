package org.fedcot.tensor.opencl;

import static org.fedcot.tensor.opencl.ClLibrary.CL_INT;
import static org.fedcot.tensor.opencl.ClLibrary.PTR;
import static org.fedcot.tensor.opencl.ClLibrary.SIZE_T;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/** An OpenCL platform (one installed driver, e.g. PoCL) with its name and version. */
record ClPlatform(MemorySegment id, String name, String version) {
    private static final int CL_PLATFORM_NOT_FOUND_KHR = -1001;
    private static final int CL_PLATFORM_VERSION = 0x0901;
    private static final int CL_PLATFORM_NAME = 0x0902;

    private static final MethodHandle GET_IDS =
            ClLibrary.function("clGetPlatformIDs", false, ClLibrary.status(CL_INT, PTR, PTR));
    private static final MethodHandle GET_INFO =
            ClLibrary.function("clGetPlatformInfo", false, ClLibrary.status(PTR, CL_INT, SIZE_T, PTR, PTR));

    /** Every platform the ICD loader knows; empty when none is installed. */
    static List<ClPlatform> all() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(CL_INT);
            int rc = (int) GET_IDS.invokeExact(0, MemorySegment.NULL, count);
            if (rc == CL_PLATFORM_NOT_FOUND_KHR) {
                return List.of();
            }
            ClException.check("clGetPlatformIDs", rc);
            int n = count.get(CL_INT, 0);
            MemorySegment ids = arena.allocate(PTR, Math.max(n, 1));
            ClException.check("clGetPlatformIDs", (int) GET_IDS.invokeExact(n, ids, MemorySegment.NULL));
            List<ClPlatform> platforms = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                MemorySegment id = ids.getAtIndex(ValueLayout.ADDRESS, i);
                platforms.add(new ClPlatform(id, info(id, CL_PLATFORM_NAME), info(id, CL_PLATFORM_VERSION)));
            }
            return platforms;
        } catch (Throwable t) {
            throw ClLibrary.unchecked(t);
        }
    }

    private static String info(MemorySegment id, int param) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(SIZE_T);
            ClException.check("clGetPlatformInfo", (int) GET_INFO.invokeExact(id, param, 0L, MemorySegment.NULL, size));
            MemorySegment text = arena.allocate(size.get(SIZE_T, 0) + 1);
            ClException.check("clGetPlatformInfo", (int)
                    GET_INFO.invokeExact(id, param, text.byteSize(), text, MemorySegment.NULL));
            return text.getString(0).trim();
        }
    }
}
