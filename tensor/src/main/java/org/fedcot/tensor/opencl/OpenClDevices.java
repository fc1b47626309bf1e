package org.fedcot.tensor.opencl;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Discovery: the OpenCL devices of this machine, numbered as {@code --device N} counts them. */
public final class OpenClDevices {
    private static List<ClDevice> devices;

    private OpenClDevices() {}

    /**
     * Why OpenCL cannot be used here, in one line, or null when at least one device exists: no
     * libOpenCL, or a loader with no platform (no driver installed), or platforms without devices.
     */
    public static String unavailableReason() {
        if (!ClLibrary.loaded()) {
            return "no OpenCL library (libOpenCL.so.1); install ocl-icd-libopencl1 and a driver such as pocl-opencl-icd";
        }
        if (ClPlatform.all().isEmpty()) {
            return "no OpenCL platform; install a driver such as pocl-opencl-icd (CPU) or a GPU vendor's";
        }
        return devices().isEmpty() ? "OpenCL platforms found but no device" : null;
    }

    /** "0: name (kind, platform, ...); 1: ..." for messages; empty when there is none. */
    public static String list() {
        List<ClDevice> ds = devices();
        return IntStream.range(0, ds.size()).mapToObj(i -> i + ": " + ds.get(i)).collect(Collectors.joining("; "));
    }

    static synchronized List<ClDevice> devices() {
        if (devices == null) {
            devices = ClLibrary.loaded() ? ClDevice.all() : List.of();
        }
        return devices;
    }
}
