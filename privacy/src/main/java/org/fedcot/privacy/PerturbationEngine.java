package org.fedcot.privacy;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.fedcot.tensor.cpu.Parallel;

/**
 * A {@link Mechanism} over an {@link EmbeddingTable} with a bounded cache of prepared inputs. The
 * inputs of a text that miss the cache are prepared together: their similarity rows up to
 * {@link CosineRows#MAX_BLOCK} at a time in one matrix product, then the per-input work (a pass
 * over the row, exponentials) split across the cores.
 *
 * <p>Thread-safe: {@link #prepare} is serialised; the distributions it returns are immutable.
 */
public final class PerturbationEngine {
    /**
     * Default cache budget: about 80 SanText or RanText inputs over a 50,000-word vocabulary, more
     * than one block of them. A larger cache mostly adds live data the garbage collector copies.
     */
    public static final long DEFAULT_CACHE_BYTES = 32L << 20;

    private final Mechanism mechanism;
    private final EmbeddingTable table;
    private final CosineRows cosines;
    private final DistributionCache cache;
    /** The similarities of one block, reused (a fresh 64 x V block per text is garbage that grows the heap). */
    private float[] block;

    /** An engine whose cache holds about {@code cacheBytes} of prepared inputs. */
    public PerturbationEngine(Mechanism mechanism, EmbeddingTable table, long cacheBytes) {
        this.mechanism = mechanism;
        this.table = table;
        this.cosines = new CosineRows(table);
        this.cache = new DistributionCache(cacheBytes);
    }

    /** The mechanism it draws with. */
    public Mechanism mechanism() {
        return mechanism;
    }

    /** The vocabulary it draws from. */
    public EmbeddingTable table() {
        return table;
    }

    /**
     * The prepared distributions of {@code rows} (repeats allowed), keyed by row: cached ones reused,
     * the rest computed in blocks and cached. The map holds them even if the cache evicts some.
     */
    public synchronized Map<Integer, OutputDistribution> prepare(int[] rows) {
        Map<Integer, OutputDistribution> out = new HashMap<>();
        Set<Integer> missing = new LinkedHashSet<>();
        for (int row : rows) {
            OutputDistribution d = cache.get(row);
            if (d != null) {
                out.put(row, d);
            } else {
                missing.add(row);
            }
        }
        int[] todo = missing.stream().mapToInt(Integer::intValue).toArray();
        int v = table.size();
        if (todo.length > 0 && block == null) {
            block = new float[CosineRows.MAX_BLOCK * v];
        }
        OutputDistribution[] made = new OutputDistribution[CosineRows.MAX_BLOCK];
        for (int from = 0; from < todo.length; from += CosineRows.MAX_BLOCK) {
            int count = Math.min(CosineRows.MAX_BLOCK, todo.length - from);
            cosines.block(todo, from, count, block);
            int start = from;
            Parallel.forRange(count, 4L * v, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    made[i] = mechanism.prepare(todo[start + i], new SimilarityRow(block, i * v, v));
                }
            });
            for (int i = 0; i < count; i++) {
                out.put(todo[from + i], made[i]);
                cache.put(todo[from + i], made[i]);
            }
        }
        return out;
    }

    /** The prepared distribution of one input row. */
    public OutputDistribution distribution(int row) {
        return prepare(new int[] {row}).get(row);
    }
}
