package org.fedcot.llm.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.CompositeELResolver;

/**
 * A model's chat template: the Jinja program in its tokenizer_config.json ({@code chat_template}) that
 * lays a conversation out as the one prompt string the model was trained on. It is rendered as
 * Hugging Face transformers' {@code apply_chat_template} renders it: with {@code messages},
 * {@code add_generation_prompt}, the special tokens the tokenizer defines ({@code bos_token},
 * {@code eos_token}, ...), a {@code raise_exception(message)} function, blocks trimmed and left-stripped, the template's
 * final newline dropped, and the Python string methods templates call ({@code strip},
 * {@code startswith}, {@code split}, ...). Rendering is thread-safe.
 *
 * <pre>{@code
 * ChatTemplate t = ChatTemplate.forTokenizer(modelDir);
 * String prompt = t.render(List.of(Map.of("role", "user", "content", "Hi")), true, Map.of());
 * }</pre>
 */
public final class ChatTemplate {
    /** The layout used when a tokenizer has no chat template: one "role: content" line per message. */
    private static final String FALLBACK = "{% for message in messages %}{{ message.role }}: {{ message.content }}\n"
            + "{% endfor %}{% if add_generation_prompt %}assistant:{% endif %}";

    private static final String CONFIG_FILE = "tokenizer_config.json";
    /** Where recent transformers versions save the template instead of tokenizer_config.json. */
    private static final String TEMPLATE_FILE = "chat_template.jinja";
    /** The special tokens transformers hands a chat template (its special_tokens_map), when defined. */
    private static final List<String> SPECIAL_TOKENS =
            List.of("bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token");

    private final String source;
    private final boolean fallback;
    private final Map<String, String> specialTokens;
    private final Jinjava jinjava;

    private ChatTemplate(String source, boolean fallback, Map<String, String> specialTokens) {
        this.source = ChatTemplateSyntax.forJinjava(source);
        this.fallback = fallback;
        this.specialTokens = Map.copyOf(specialTokens);
        this.jinjava = newJinjava();
    }

    /**
     * The template {@code source}, rendered with the tokenizer's special tokens under their
     * tokenizer_config.json names ({@code bos_token}, {@code eos_token}, ...), as transformers passes them.
     */
    public static ChatTemplate of(String source, Map<String, String> specialTokens) {
        return new ChatTemplate(source, false, specialTokens);
    }

    /** The "role: content" layout, ending in "assistant:" when a generation prompt is asked for. */
    public static ChatTemplate fallback() {
        return new ChatTemplate(FALLBACK, true, Map.of());
    }

    /**
     * The chat template of the tokenizer at {@code tokenizerPath} (a directory, or a file whose directory
     * is read): chat_template.jinja if present, else tokenizer_config.json's {@code chat_template} (a
     * string, or a list of named templates of which "default" is taken), else {@link #fallback()}.
     *
     * @throws IOException if tokenizer_config.json cannot be read or is not JSON
     */
    public static ChatTemplate forTokenizer(Path tokenizerPath) throws IOException {
        Path dir = Files.isDirectory(tokenizerPath)
                ? tokenizerPath
                : tokenizerPath.toAbsolutePath().getParent();
        Path configFile = dir.resolve(CONFIG_FILE);
        JsonNode config = Files.isRegularFile(configFile) ? readConfig(configFile) : null;
        Map<String, String> tokens = new HashMap<>();
        for (String name : SPECIAL_TOKENS) {
            String content = config == null ? null : tokenContent(config.get(name));
            if (content != null) {
                tokens.put(name, content);
            }
        }
        Path templateFile = dir.resolve(TEMPLATE_FILE);
        if (Files.isRegularFile(templateFile)) {
            return of(Files.readString(templateFile), tokens);
        }
        String source = config == null ? null : templateIn(config.get("chat_template"));
        return source == null ? fallback() : of(source, tokens);
    }

    /** Whether this is the "role: content" layout rather than a tokenizer's own template. */
    public boolean isFallback() {
        return fallback;
    }

    /**
     * The prompt for {@code messages} (maps with "role" and "content", plus any other fields the
     * template reads), ending with the assistant's turn opened when {@code addGenerationPrompt}.
     * {@code variables} are passed to the template too (e.g. {@code enable_thinking}).
     *
     * @throws ChatTemplateException if the template calls raise_exception or fails to render
     */
    public String render(
            List<? extends Map<String, ?>> messages, boolean addGenerationPrompt, Map<String, ?> variables) {
        Map<String, Object> context = new HashMap<>(specialTokens);
        context.putAll(variables);
        context.put("messages", messages);
        context.put("add_generation_prompt", addGenerationPrompt);
        RenderResult result = jinjava.renderForResult(source, context);
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new ChatTemplateException(failure(e));
            }
        }
        return result.getOutput();
    }

    private static Jinjava newJinjava() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new ChatTemplateStrings());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        // HF renders with trim_blocks and lstrip_blocks; the overrides make Jinjava parse as Jinja2 does
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withElResolver(resolver)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withKeepNullableLoopValues(true)
                        .withUsePyishObjectMapper(true)
                        .build())
                .build();
        Jinjava jinjava = new Jinjava(config);
        try {
            Method raise = ChatTemplate.class.getDeclaredMethod("raiseException", String.class);
            raise.setAccessible(true);
            jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception", raise));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        return jinjava;
    }

    /** raise_exception(message): what templates call to reject a conversation they cannot lay out. */
    private static Object raiseException(String message) {
        throw new ChatTemplateException(message);
    }

    /** The template's own message for raise_exception, else Jinjava's, with the line it failed on. */
    private static String failure(TemplateError e) {
        for (Throwable t = e.getException(); t != null; t = t.getCause()) {
            if (t instanceof ChatTemplateException raised) {
                return raised.getMessage();
            }
        }
        return "chat template failed at line " + e.getLineno() + ": " + e.getMessage();
    }

    private static JsonNode readConfig(Path file) throws IOException {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(
                    file + ": not a readable tokenizer config ("
                            + e.getMessage().lines().findFirst().orElse("") + ")",
                    e);
        }
    }

    /** A special token as tokenizer_config.json stores it: a string, or an AddedToken object with "content". */
    private static String tokenContent(JsonNode token) {
        if (token == null || token.isNull()) {
            return null;
        }
        return token.isTextual() ? token.asText() : token.path("content").asText(null);
    }

    private static String templateIn(JsonNode template) {
        if (template == null || template.isNull()) {
            return null;
        }
        if (template.isArray()) {
            for (JsonNode named : template) {
                if ("default".equals(named.path("name").asText())) {
                    return named.path("template").asText(null);
                }
            }
            return null;
        }
        return template.asText(null);
    }
}
