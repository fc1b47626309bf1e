package org.fedcot.tensor.opencl;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.kernels.Kernel;

/**
 * The OpenCL backend: the portable kernels' OpenCL C twins on one device, over device copies of
 * the host arrays (see {@link Backend}). Parameters, gradients, optimiser moments and pooled
 * activations stay on the device from step to step; the host sends batches (token ids, row
 * weights) and reads back losses. One instance per device per process, so programs are built once.
 * Calls are serialised: one in-order queue, one thread at a time.
 */
public final class OpenClBackend implements Backend {
    /** Work items along each side of a gemm work-group; each computes a 4 x 4 block of C. */
    private static final int GEMM_THREADS = 16;

    private static final int GEMM_TILE = 64;
    private static final long LINEAR_GROUP = 64;

    private static OpenClBackend[] open = new OpenClBackend[0];

    private final ClDevice device;
    private final ClContext context;
    private final ClQueue queue;
    private final Programs programs;
    private final Mirrors mirrors = new Mirrors();
    private long bytesUp;
    private long bytesDown;

    private OpenClBackend(ClDevice device) {
        this.device = device;
        this.context = ClContext.create(device);
        this.queue = new ClQueue(context);
        this.programs = new Programs(context);
    }

    /**
     * The backend on device {@code index} of {@link OpenClDevices#list()}, opened on first use and
     * shared after.
     *
     * @throws IllegalStateException with a one-line reason when there is no OpenCL library, platform
     *                               or device of that number, or the device cannot run the kernels
     */
    public static synchronized OpenClBackend open(int index) {
        List<ClDevice> devices = OpenClDevices.devices();
        if (index < 0 || index >= devices.size()) {
            throw new IllegalStateException("no OpenCL device " + index + ": " + devices.size() + " found"
                    + (devices.isEmpty() ? "" : " (" + OpenClDevices.list() + ")"));
        }
        ClDevice d = devices.get(index);
        if (!d.fp64() || d.maxWorkGroup() < GEMM_THREADS * GEMM_THREADS) {
            throw new IllegalStateException("OpenCL device " + index + " (" + d.name() + ") lacks "
                    + (d.fp64() ? "work-groups of " + GEMM_THREADS * GEMM_THREADS : "double precision (cl_khr_fp64)")
                    + ", which the kernels need");
        }
        if (open.length <= index) {
            open = Arrays.copyOf(open, devices.size());
        }
        if (open[index] == null) {
            open[index] = new OpenClBackend(d);
        }
        return open[index];
    }

    @Override
    public String description() {
        return "opencl: " + device;
    }

    @Override
    public boolean onHost() {
        return false;
    }

    /** Launches the OpenCL C twin; {@code cost} is the device's business, not ours. */
    @Override
    public synchronized void launch(Kernel kernel, int n, long cost, Object... args) {
        if (n == 0) {
            return;
        }
        ClKernel k = programs.kernel(kernel.family(), kernel.method());
        int i = 0;
        for (Object a : args) {
            setArg(k, i++, a);
        }
        k.setInt(i++, 0);
        k.setInt(i, n);
        queue.run(k, new long[] {roundUp(n, LINEAR_GROUP)}, null);
        wrote(args);
    }

    @Override
    public synchronized void gemm(
            boolean transA,
            boolean transB,
            int M,
            int N,
            int K,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        if (M == 0 || N == 0) {
            return;
        }
        Object[] args = {transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, 0, M};
        ClKernel k = programs.kernel(Kernel.GEMM.family(), Kernel.GEMM.method());
        for (int i = 0; i < args.length; i++) {
            setArg(k, i, args[i]);
        }
        long perSide = GEMM_TILE / GEMM_THREADS;
        queue.run(k, new long[] {roundUp(N, GEMM_TILE) / perSide, roundUp(M, GEMM_TILE) / perSide}, new long[] {
            GEMM_THREADS, GEMM_THREADS
        });
        wrote(args);
    }

    @Override
    public synchronized void toHost(Object array) {
        Mirrors.Mirror m = mirrors.get(array);
        if (m == null) {
            return;
        }
        if (m.newest == Mirrors.Newest.DEVICE) {
            download(m, array);
        }
        m.newest = Mirrors.Newest.HOST;
    }

    /** Zeroes the device copy when there is one (so it stays on the device), the host array otherwise. */
    @Override
    public synchronized void fillZero(float[] array, int offset, int n) {
        Mirrors.Mirror m = mirrors.get(array);
        if (m == null) {
            Arrays.fill(array, offset, offset + n, 0f);
            return;
        }
        if (m.newest == Mirrors.Newest.HOST && n != array.length) {
            upload(m, array); // the rest of the array must arrive too
        }
        queue.fillZero(m.buffer, 4L * offset, 4L * n);
        m.newest = Mirrors.Newest.DEVICE;
    }

    @Override
    public synchronized void require(Kernel kernel) {
        try {
            programs.kernel(kernel.family(), kernel.method());
        } catch (ClException e) {
            throw new IllegalStateException(
                    "opencl backend: no twin of kernel " + kernel + " ("
                            + kernel.family().getSimpleName() + "." + kernel.method() + "): " + e.getMessage(),
                    e);
        }
    }

    @Override
    public synchronized void releaseAll() {
        for (Map.Entry<Object, Mirrors.Mirror> e : mirrors.removeAll()) {
            if (e.getValue().newest == Mirrors.Newest.DEVICE) {
                download(e.getValue(), e.getKey());
            }
            e.getValue().buffer.close();
        }
    }

    /** Bytes sent host to device so far: with resident parameters, a step sends little more than its batch. */
    public synchronized long bytesUploaded() {
        return bytesUp;
    }

    /** Bytes brought device to host so far. */
    public synchronized long bytesDownloaded() {
        return bytesDown;
    }

    /** Waits for every enqueued kernel; for timing. */
    public synchronized void finish() {
        queue.finish();
    }

    private void setArg(ClKernel k, int index, Object a) {
        switch (a) {
            case float[] f -> k.setBuffer(index, onDevice(f));
            case double[] d -> k.setBuffer(index, onDevice(d));
            case int[] ids -> {
                Mirrors.Mirror m = mirrors.getOrCreate(ids, 4L * ids.length, context);
                upload(m, ids); // the host may have changed them
                k.setBuffer(index, m.buffer);
            }
            case Integer v -> k.setInt(index, v);
            case Float v -> k.setFloat(index, v);
            case Long v -> k.setLong(index, v);
            case Boolean v -> k.setInt(index, v ? 1 : 0);
            default ->
                throw new IllegalArgumentException(k.name() + ": argument " + index + " of unsupported type "
                        + a.getClass().getSimpleName());
        }
    }

    /** The device buffer of {@code array}, uploading it when the host owns it. */
    private ClBuffer onDevice(Object array) {
        MemorySegment host = heap(array);
        Mirrors.Mirror m = mirrors.getOrCreate(array, host.byteSize(), context);
        if (m.newest == Mirrors.Newest.HOST) {
            upload(m, array);
            m.newest = Mirrors.Newest.BOTH;
        }
        return m.buffer;
    }

    private void upload(Mirrors.Mirror m, Object array) {
        MemorySegment host = heap(array);
        queue.write(m.buffer, host);
        bytesUp += host.byteSize();
    }

    private void download(Mirrors.Mirror m, Object array) {
        MemorySegment host = heap(array);
        queue.read(m.buffer, host);
        bytesDown += host.byteSize();
    }

    /** Float and double arrays passed to a kernel may have been written by it. */
    private void wrote(Object[] args) {
        for (Object a : args) {
            if (a instanceof float[] || a instanceof double[]) {
                mirrors.get(a).newest = Mirrors.Newest.DEVICE;
            }
        }
    }

    private static MemorySegment heap(Object array) {
        return switch (array) {
            case float[] f -> MemorySegment.ofArray(f);
            case double[] d -> MemorySegment.ofArray(d);
            case int[] i -> MemorySegment.ofArray(i);
            default -> throw new IllegalArgumentException("not a mirrored array: " + array.getClass());
        };
    }

    private static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
