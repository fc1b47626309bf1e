package org.fedcot.llm.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the chunks of a streamed completion or chat completion back together into the body the server
 * would have sent unstreamed, so the cache holds one form whichever way an answer came.
 */
final class StreamAssembler {
    private final boolean chat;
    private final StreamListener listener;
    private final Map<Integer, StringBuilder> texts = new TreeMap<>();
    private final Map<Integer, String> finishReasons = new TreeMap<>();
    private String model = "";
    private JsonNode usage;

    StreamAssembler(boolean chat, StreamListener listener) {
        this.chat = chat;
        this.listener = listener;
    }

    /**
     * Adds one chunk ({@code choices[].text} or {@code choices[].delta.content}, a finish reason, usage)
     * and hands its text to the listener.
     *
     * @throws IllegalArgumentException when the chunk is an error or no chunk at all
     */
    void add(JsonNode chunk) {
        if (chunk.has("error"))
            throw new IllegalArgumentException("error in stream: " + ResponseJson.errorMessage(chunk, ""));
        if (!chunk.path("choices").isArray()) {
            throw new IllegalArgumentException("stream chunk without choices");
        }
        if (chunk.path("model").isTextual()) {
            model = chunk.path("model").asText();
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.path("usage");
        }
        for (JsonNode c : chunk.path("choices")) {
            int index = c.path("index").asInt(0);
            JsonNode piece = chat ? c.path("delta").path("content") : c.path("text");
            StringBuilder text = texts.computeIfAbsent(index, i -> new StringBuilder());
            if (piece.isTextual() && !piece.asText().isEmpty()) {
                text.append(piece.asText());
                listener.onText(index, piece.asText());
            }
            if (c.path("finish_reason").isTextual())
                finishReasons.put(index, c.path("finish_reason").asText());
        }
    }

    /** The unstreamed body: {@code model}, {@code choices} (text or message) and {@code usage} when sent. */
    JsonNode body(ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("object", chat ? "chat.completion" : "text_completion");
        body.put("model", model);
        ArrayNode choices = body.putArray("choices");
        texts.forEach((index, text) -> {
            ObjectNode c = choices.addObject().put("index", index);
            if (chat) {
                c.putObject("message").put("role", "assistant").put("content", text.toString());
            } else {
                c.put("text", text.toString());
            }
            c.put("finish_reason", finishReasons.get(index));
        });
        if (usage != null) {
            body.set("usage", usage);
        }
        return body;
    }
}
