package org.fedcot.tensor;

import java.util.Arrays;
import java.util.function.Supplier;

/** Shape arithmetic and the checks that turn a wrong shape into a message naming the tensor. */
public final class Shapes {
    private Shapes() {}

    /** Number of elements of {@code shape}; every dimension must be >= 0 and the total fit an int. */
    public static int size(int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + str(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    public static String str(int... shape) {
        return Arrays.toString(shape);
    }

    static int checkIndex(int i, int size) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " out of a tensor of " + size + " elements");
        }
        return i;
    }

    /** Throws "{op}: {tensor} expected shape [..] but got [..]" unless {@code t} has exactly {@code expected}. */
    public static void requireShape(String op, Tensor t, int... expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(
                    op + ": " + t.name() + " expected shape " + str(expected) + " but got " + str(t.shape()));
        }
    }

    /** Throws unless {@code t} has rank {@code rank}. */
    public static void requireRank(String op, Tensor t, int rank) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(
                    op + ": " + t.name() + " expected rank " + rank + " but got shape " + str(t.shape()));
        }
    }

    /** Throws unless {@code a} and {@code b} have the same shape. */
    public static void requireSameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": " + a.name() + " has shape " + str(a.shape()) + " but "
                    + b.name() + " has shape " + str(b.shape()));
        }
    }

    static void requireSameSize(String op, Tensor a, Tensor b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(
                    op + ": " + a.name() + " has " + a.size() + " elements but " + b.name() + " has " + b.size());
        }
    }

    /** {@code shape} with its last dimension replaced. */
    public static int[] withLast(int[] shape, int last) {
        int[] s = shape.clone();
        s[s.length - 1] = last;
        return s;
    }

    /** Product of all dimensions but the last (the number of rows of a row-major view). */
    public static int rows(Tensor t) {
        return t.rank() == 0 ? 1 : t.size() / Math.max(1, t.dim(-1));
    }

    static int[] resolveReshape(int[] from, int[] to, Supplier<String> name) {
        int[] s = to.clone();
        int free = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (free >= 0) {
                    throw new IllegalArgumentException("reshape of " + name.get() + ": more than one -1 in " + str(to));
                }
                free = i;
            } else {
                known *= s[i];
            }
        }
        int n = size(from);
        if (free >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException(
                        "reshape of " + name.get() + ": cannot view " + str(from) + " as " + str(to));
            }
            s[free] = (int) (n / known);
        }
        if (size(s) != n) {
            throw new IllegalArgumentException(
                    "reshape of " + name.get() + ": cannot view " + str(from) + " (" + n + " elements) as " + str(to));
        }
        return s;
    }
}
