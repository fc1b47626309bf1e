package org.fedcot.tensor;

/**
 * The heap could not hold a tensor's storage: an {@link OutOfMemoryError} that says which tensor (its
 * shape, its name when known, its size), so the one line the user sees names what did not fit rather than
 * only that something did not.
 */
public final class TensorOutOfMemoryError extends OutOfMemoryError {
    private static final long serialVersionUID = 1L;

    private final int[] shape;
    private final String tensorName;

    /**
     * @param shape      the shape whose storage could not be allocated
     * @param tensorName the tensor's name (a parameter's checkpoint name), or null when it has none yet
     * @param cause      the JVM's error
     */
    public TensorOutOfMemoryError(int[] shape, String tensorName, OutOfMemoryError cause) {
        // built from the shape alone: little to allocate while the heap is full
        super(null);
        this.shape = shape.clone();
        this.tensorName = tensorName;
        initCause(cause);
    }

    /** The same failure for the tensor called {@code name}, for a caller that knows the name. */
    public TensorOutOfMemoryError named(String name) {
        TensorOutOfMemoryError named = new TensorOutOfMemoryError(shape, name, (OutOfMemoryError) getCause());
        named.setStackTrace(getStackTrace());
        return named;
    }

    /** Bytes the storage needed. */
    public long bytes() {
        long n = Float.BYTES;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** What could not be allocated, e.g. {@code a 32000x896 tensor 'model.embed_tokens.weight'}. */
    public String allocation() {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(dims.isEmpty() ? "" : "x").append(d);
        }
        return "a " + (shape.length == 0 ? "scalar" : dims) + " tensor"
                + (tensorName == null ? "" : " '" + tensorName + "'");
    }

    @Override
    public String getMessage() {
        return "out of memory allocating " + allocation() + " (" + bytes() + " bytes)";
    }
}
