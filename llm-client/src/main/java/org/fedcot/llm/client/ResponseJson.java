package org.fedcot.llm.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads OpenAI response bodies: a completion or chat completion (from the server or the cache) into an
 * {@link LlmResponse}, and the message of an error body.
 */
final class ResponseJson {
    /** Longest server error message quoted in an exception. */
    private static final int MAX_MESSAGE = 300;

    private ResponseJson() {}

    /**
     * The response {@code body} holds: {@code choices[].text} for a completion, {@code choices[].message.content}
     * for a chat; {@code usage} when present (zero when not).
     *
     * @throws IllegalArgumentException naming what is missing when the body is no such response
     */
    static LlmResponse parse(JsonNode body, boolean cached) {
        JsonNode choicesNode = body.path("choices");
        if (!choicesNode.isArray() || choicesNode.isEmpty())
            throw new IllegalArgumentException("no choices in response");
        List<Choice> choices = new ArrayList<>();
        for (JsonNode c : choicesNode) {
            JsonNode text = c.has("message") ? c.path("message").path("content") : c.path("text");
            if (!text.isTextual() && !text.isNull()) {
                throw new IllegalArgumentException("choice without text or message content");
            }
            JsonNode finish = c.path("finish_reason");
            choices.add(new Choice(
                    c.path("index").asInt(choices.size()),
                    text.isNull() ? "" : text.asText(),
                    finish.isTextual() ? finish.asText() : null));
        }
        choices.sort(Comparator.comparingInt(Choice::index));
        JsonNode u = body.path("usage");
        long prompt = u.path("prompt_tokens").asLong();
        long completion = u.path("completion_tokens").asLong();
        long total = u.has("total_tokens") ? u.path("total_tokens").asLong() : prompt + completion;
        Usage usage = new Usage(prompt, completion, total);
        return new LlmResponse(body.path("model").asText(""), choices, usage, cached);
    }

    /**
     * The message of an OpenAI-style error body ({@code {"error": {"message": ...}}}), else the body's text,
     * on one line and cut to a readable length.
     */
    static String errorMessage(JsonNode parsedOrNull, String rawBody) {
        String message = rawBody;
        if (parsedOrNull != null) {
            JsonNode error = parsedOrNull.path("error");
            if (error.isTextual()) {
                message = error.asText();
            } else if (error.path("message").isTextual())
                message = error.path("message").asText();
            else if (parsedOrNull.path("message").isTextual())
                message = parsedOrNull.path("message").asText();
        }
        String line = message.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }
}
