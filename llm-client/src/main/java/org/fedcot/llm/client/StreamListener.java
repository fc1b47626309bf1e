package org.fedcot.llm.client;

/**
 * Receives a streamed answer as the server sends it. Calls come from the thread that called
 * {@link LlmClient#stream}, in order.
 */
public interface StreamListener {

    /** {@code delta}, the next piece of alternative {@code choiceIndex}'s text. */
    void onText(int choiceIndex, String delta);

    /**
     * The attempt that delivered the text so far failed and the request is being sent again: what was
     * received is void and the text starts over.
     */
    default void onRestart() {}
}
