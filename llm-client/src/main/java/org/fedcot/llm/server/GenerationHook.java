package org.fedcot.llm.server;

/**
 * Called on a model worker as each generation request starts, with its body: where tests count what the
 * server generates and hold generations at a latch, so they can stop a client at a known point.
 */
@FunctionalInterface
interface GenerationHook {
    /** The hook of a served model: nothing. */
    GenerationHook NONE = body -> { };

    /** A generation of {@code body} is about to be planned and run. */
    void starting(String body) throws InterruptedException;
}
