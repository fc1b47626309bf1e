package org.fedcot.llm.server;

/**
 * Where tests watch and hold the server's generations, so they can count what it generates, line requests
 * up in the batch and stop a client at a known point. Every method may block; the served model's hook does
 * nothing.
 */
interface GenerationHook {
    /** The hook of a served model: nothing. */
    GenerationHook NONE = body -> {};

    /** On the request's thread: a generation of {@code body} is about to be planned and run. */
    void starting(String body) throws InterruptedException;

    /**
     * On the request's thread: every choice of {@code body} is queued for the batch (a streamed answer's
     * headers are out), and the thread is about to wait for their text.
     */
    default void submitted(String body) throws InterruptedException {}

    /** On the scheduler's thread, before each step of the batch. */
    default void stepping() throws InterruptedException {}
}
