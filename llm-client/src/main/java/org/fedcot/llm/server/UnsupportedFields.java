package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Which request fields the server takes. A field of no OpenAI API (a typo such as "max_token", another
 * server's extension) is a 400 naming it, as OpenAI answers one. Fields of OpenAI's API that would change
 * what a client gets back and that this server does not implement (log-probabilities, echo, penalties,
 * tools, audio, ...) are a 400 too when asked for, and pass at their neutral values (null, false, 0,
 * empty, "auto"/"none" choices). Fields that only concern OpenAI's service (user, metadata, store,
 * service_tier, prompt_cache_key, ...) are accepted and ignored.
 */
final class UnsupportedFields {
    /** What both endpoints implement, vLLM's top_k included. */
    private static final Set<String> HANDLED = Set.of(
            "model", "max_tokens", "n", "seed", "stop", "stream", "stream_options", "temperature", "top_p", "top_k");

    private static final Set<String> HANDLED_COMPLETIONS = Set.of("prompt");
    private static final Set<String> HANDLED_CHAT =
            Set.of("messages", "max_completion_tokens", "chat_template_kwargs", "add_generation_prompt");
    /** OpenAI's service fields: they change nothing this server generates. */
    private static final Set<String> IGNORED = Set.of("user");

    private static final Set<String> IGNORED_CHAT = Set.of(
            "metadata",
            "store",
            "service_tier",
            "prompt_cache_key",
            "safety_identifier",
            "parallel_tool_calls",
            "prediction");
    private static final List<String> COMMON =
            List.of("logprobs", "logit_bias", "presence_penalty", "frequency_penalty");
    private static final List<String> COMPLETIONS = List.of("echo", "suffix", "best_of");
    private static final List<String> CHAT = List.of(
            "top_logprobs",
            "tools",
            "functions",
            "response_format",
            "tool_choice",
            "function_call",
            "modalities",
            "audio",
            "reasoning_effort",
            "verbosity",
            "web_search_options");

    private UnsupportedFields() {}

    /** Throws a 400 naming the first field of {@code body} that is unknown, or unsupported and asked for. */
    static void check(RequestBody body, boolean chat) {
        for (String name : body.names()) {
            if (!known(name, chat)) {
                throw ApiException.badRequest(name, "Unrecognized request argument supplied: " + name);
            }
        }
        for (String name : COMMON) {
            refuse(body, name);
        }
        for (String name : chat ? CHAT : COMPLETIONS) {
            refuse(body, name);
        }
    }

    private static boolean known(String name, boolean chat) {
        return HANDLED.contains(name)
                || IGNORED.contains(name)
                || COMMON.contains(name)
                || (chat
                        ? HANDLED_CHAT.contains(name) || IGNORED_CHAT.contains(name) || CHAT.contains(name)
                        : HANDLED_COMPLETIONS.contains(name) || COMPLETIONS.contains(name));
    }

    private static void refuse(RequestBody body, String name) {
        JsonNode v = body.get(name);
        if (v != null && !neutral(name, v)) {
            throw ApiException.badRequest(name, "'" + name + "' is not supported by this server.");
        }
    }

    private static boolean neutral(String name, JsonNode v) {
        return switch (name) {
            case "best_of" -> v.isIntegralNumber() && v.asLong() == 1;
            case "response_format" -> "text".equals(v.path("type").asText());
            case "tool_choice", "function_call" ->
                v.isTextual() && Set.of("none", "auto").contains(v.asText());
            case "modalities" ->
                v.isArray() && v.size() == 1 && "text".equals(v.get(0).asText());
            default ->
                v.isBoolean()
                        ? !v.asBoolean()
                        : v.isNumber()
                                ? v.asDouble() == 0
                                : (v.isContainerNode() && v.isEmpty())
                                        || (v.isTextual() && v.asText().isEmpty());
        };
    }
}
