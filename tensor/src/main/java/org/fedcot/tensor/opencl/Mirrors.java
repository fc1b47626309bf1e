package org.fedcot.tensor.opencl;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The device copies of Java arrays, keyed by the arrays' identity and held weakly: when an array is
 * collected its device buffer is released, so pooled workspace arrays keep theirs for the whole run
 * and short-lived ones do not leak device memory.
 */
final class Mirrors {
    /** Which side holds the newest values of a mirrored array. */
    enum Newest {
        /** The host owns the array (it may have changed it): upload before a kernel reads it. */
        HOST,
        /** Both sides agree. */
        BOTH,
        /** A kernel wrote it: download before the host reads it. */
        DEVICE
    }

    /** A device buffer and whose copy is newest. */
    static final class Mirror {
        final ClBuffer buffer;
        Newest newest = Newest.HOST;

        Mirror(ClBuffer buffer) {
            this.buffer = buffer;
        }
    }

    private final Map<Key, Mirror> mirrors = new HashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    /** The mirror of {@code array}, or null when it has none. */
    Mirror get(Object array) {
        return mirrors.get(new Key(array, null));
    }

    /** The mirror of {@code array}, made with a new buffer of {@code bytes} bytes when it has none. */
    Mirror getOrCreate(Object array, long bytes, ClContext context) {
        releaseCollected();
        Key probe = new Key(array, null);
        Mirror m = mirrors.get(probe);
        if (m == null) {
            m = new Mirror(ClBuffer.create(context, bytes));
            mirrors.put(new Key(array, collected), m);
        }
        return m;
    }

    /** Every live array with its mirror, and forgets them all (the caller releases the buffers). */
    List<Map.Entry<Object, Mirror>> removeAll() {
        List<Map.Entry<Object, Mirror>> live = new ArrayList<>();
        for (Map.Entry<Key, Mirror> e : mirrors.entrySet()) {
            Object array = e.getKey().get();
            if (array != null) {
                live.add(Map.entry(array, e.getValue()));
            } else {
                e.getValue().buffer.close();
            }
        }
        mirrors.clear();
        return live;
    }

    private void releaseCollected() {
        for (Object k; (k = collected.poll()) != null; ) {
            Mirror m = mirrors.remove((Key) k);
            if (m != null) {
                m.buffer.close();
            }
        }
    }

    /** An identity key that does not keep its array alive. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object array, ReferenceQueue<Object> queue) {
            super(array, queue);
            hash = System.identityHashCode(array);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            Object mine = get();
            return o instanceof Key k && mine != null && mine == k.get();
        }
    }
}
