package org.fedcot.llm.client;

import java.util.List;

/**
 * The answers to a batch.
 *
 * @param responses the answers, in the order of the requests
 * @param cached    how many answers cost nothing (from the cache, or shared with an identical request)
 * @param usage     tokens of the answers this batch paid for, summed
 */
public record BatchResult(List<LlmResponse> responses, int cached, Usage usage) {
    public BatchResult {
        responses = List.copyOf(responses);
    }

    /** Tokens of every answer, cached ones included: what the batch would have cost from scratch. */
    public Usage totalUsage() {
        return responses.stream().map(LlmResponse::usage).reduce(Usage.ZERO, Usage::plus);
    }
}
