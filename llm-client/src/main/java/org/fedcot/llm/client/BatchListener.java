package org.fedcot.llm.client;

/**
 * Follows a batch, to draw a progress bar: called once when the cache has been consulted ({@code done} =
 * {@code cached} = the cache hits) and once after each further answer. Calls never overlap and {@code done}
 * only grows, but they come from the batch's worker threads. An exception thrown here stops the batch as a
 * failed request would (answers received so far stay in the cache).
 */
@FunctionalInterface
public interface BatchListener {
    /** Follows nothing. */
    BatchListener NONE = progress -> {};

    /** The batch has reached {@code progress}. */
    void onProgress(BatchProgress progress);
}
