package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How each endpoint lays out its choices, whole and streamed: completions carry {@code text}, chat
 * completions a {@code message} (whole) or a {@code delta} (streamed, the first one naming the role).
 */
enum ResponseShape {
    /** /v1/completions. */
    COMPLETION("cmpl-", "text_completion", "text_completion", "prompt") {
        @Override
        ObjectNode choice(int index, String text, String finishReason) {
            return base(index, finishReason).put("text", text);
        }

        @Override
        ObjectNode chunkChoice(int index, String text, String finishReason) {
            return choice(index, text, finishReason);
        }

        @Override
        ObjectNode openingChoice(int index) {
            return null;
        }
    },
    /** /v1/chat/completions. */
    CHAT("chatcmpl-", "chat.completion", "chat.completion.chunk", "messages") {
        @Override
        ObjectNode choice(int index, String text, String finishReason) {
            ObjectNode c = base(index, finishReason);
            c.putObject("message").put("role", "assistant").put("content", text);
            return c;
        }

        @Override
        ObjectNode chunkChoice(int index, String text, String finishReason) {
            ObjectNode c = base(index, finishReason);
            ObjectNode delta = c.putObject("delta");
            if (!text.isEmpty()) {
                delta.put("content", text);
            }
            return c;
        }

        @Override
        ObjectNode openingChoice(int index) {
            ObjectNode c = base(index, null);
            c.putObject("delta").put("role", "assistant").put("content", "");
            return c;
        }
    };

    private final String idPrefix;
    private final String object;
    private final String chunkObject;
    private final String promptParam;

    ResponseShape(String idPrefix, String object, String chunkObject, String promptParam) {
        this.idPrefix = idPrefix;
        this.object = object;
        this.chunkObject = chunkObject;
        this.promptParam = promptParam;
    }

    /** Choice {@code index} of a whole response. */
    abstract ObjectNode choice(int index, String text, String finishReason);

    /** Choice {@code index} of a stream chunk: new text, or "" with the finish reason at the end. */
    abstract ObjectNode chunkChoice(int index, String text, String finishReason);

    /** The chunk a streamed choice opens with (chat names the role), or null. */
    abstract ObjectNode openingChoice(int index);

    /** Start of the response id, e.g. "chatcmpl-". */
    String idPrefix() {
        return idPrefix;
    }

    /** The "object" of a whole response. */
    String object() {
        return object;
    }

    /** The "object" of a stream chunk. */
    String chunkObject() {
        return chunkObject;
    }

    /** The request field holding the prompt, named in errors about its length. */
    String promptParam() {
        return promptParam;
    }

    private static ObjectNode base(int index, String finishReason) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("index", index);
        c.putNull("logprobs");
        c.put("finish_reason", finishReason);
        return c;
    }
}
