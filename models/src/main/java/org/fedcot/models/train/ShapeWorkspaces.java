package org.fedcot.models.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fedcot.tensor.Workspace;

/**
 * One {@link Workspace} per window shape, the few most recently used kept. A workspace pools arrays
 * by exact size, so a single one fed windows of many lengths would keep a full set of activations
 * for every length ever seen; bounding the number of live shapes bounds the memory, while a run of
 * equal shapes (the common case, and every step of a fixed-length benchmark) allocates nothing.
 */
final class ShapeWorkspaces {
    private final Map<Long, Workspace> byShape;

    /** Keeps at most {@code capacity} shapes' workspaces. */
    ShapeWorkspaces(int capacity) {
        // access order: the eldest entry is the least recently used shape
        byShape = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Workspace> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The workspace for [rows, seqLen] windows. */
    Workspace forShape(int rows, int seqLen) {
        return byShape.computeIfAbsent(((long) rows << 32) | seqLen, k -> new Workspace());
    }
}
