package org.fedcot.llm.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.llm.prompt.ChatTemplateException;

/**
 * POST /v1/chat/completions: the messages laid out by the model's chat template, then generated from
 * as a completion. Text content parts are joined with newlines (as vLLM does); every other message
 * field reaches the template as sent. vLLM's extensions chat_template_kwargs (extra template
 * variables, e.g. enable_thinking) and add_generation_prompt are honoured.
 */
final class ChatEndpoint {
    private static final String MESSAGES = "messages";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private ChatEndpoint() {}

    /** The run {@code body} asks for; the model field has been checked. */
    static CompletionRun plan(RequestBody body, ServedModel model, ObjectMapper mapper) {
        UnsupportedFields.check(body, true);
        List<Map<String, Object>> messages = messages(body.get(MESSAGES), mapper);
        ObjectNode kwargs = body.object("chat_template_kwargs");
        Map<String, Object> variables = kwargs == null ? Map.of() : mapper.convertValue(kwargs, MAP);
        boolean generationPrompt = body.bool("add_generation_prompt", true);
        SamplingSettings settings = SamplingSettings.from(body, true);
        String rendered;
        try {
            rendered = model.chatTemplate().render(messages, generationPrompt, variables);
        } catch (ChatTemplateException e) {
            throw ApiException.badRequest(MESSAGES, e.getMessage());
        }
        return CompletionRun.plan(model, List.of(model.chatPrompt(rendered)), settings, ResponseShape.CHAT, 0, mapper);
    }

    private static List<Map<String, Object>> messages(JsonNode messages, ObjectMapper mapper) {
        if (messages == null) {
            throw ApiException.badRequest(MESSAGES, "Missing required parameter: 'messages'.");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiException.badRequest(MESSAGES, "'messages' must be a non-empty list of message objects.");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject() || !m.path("role").isTextual()) {
                throw ApiException.badRequest(where, "'" + where + "' must be an object with a string 'role'.");
            }
            Map<String, Object> message = mapper.convertValue(m, MAP);
            message.put("content", content(m.get("content"), where));
            out.add(message);
        }
        return out;
    }

    /** A string, null (an assistant turn without text), or a list of text parts joined by newlines. */
    private static String content(JsonNode content, String where) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            List<String> texts = new ArrayList<>();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText())
                        || !part.path("text").isTextual()) {
                    throw ApiException.badRequest(where + ".content", "Only text content parts are supported.");
                }
                texts.add(part.get("text").asText());
            }
            return String.join("\n", texts);
        }
        throw ApiException.badRequest(where + ".content", "'content' must be a string or a list of text parts.");
    }
}
