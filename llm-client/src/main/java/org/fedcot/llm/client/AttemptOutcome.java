package org.fedcot.llm.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/** How one HTTP attempt ended. Reasons are one line, start with the status or cause, and hold no API key. */
sealed interface AttemptOutcome {

    /** A well-formed answer: the body as received and as parsed. */
    record Answered(JsonNode raw, LlmResponse response) implements AttemptOutcome {}

    /**
     * A failure worth another attempt: 408, 409, 429, 5xx, a connection error, a timeout, a malformed body.
     *
     * @param status     the HTTP status, -1 when none was received
     * @param retryAfter the server's Retry-After, when it sent one
     */
    record Retryable(String reason, int status, Optional<Duration> retryAfter) implements AttemptOutcome {}

    /** A refusal that another attempt would not change (400, 401, 403, 404, ...). */
    record Refused(String reason, int status) implements AttemptOutcome {}
}
