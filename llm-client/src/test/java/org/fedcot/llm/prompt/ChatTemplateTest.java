package org.fedcot.llm.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fedcot.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chat templates render as Hugging Face renders them. The fixture chat_templates.json holds renderings
 * made by Hugging Face's JS Jinja (src/test/node/make_chat_template_fixture.mjs) of Qwen3's real
 * template and of small templates in the Llama 2 and Zephyr styles.
 */
class ChatTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> fixtureCases() throws IOException {
        JsonNode fixture;
        try (InputStream in = ChatTemplateTest.class.getResourceAsStream("chat_templates.json")) {
            fixture = JSON.readTree(in);
        }
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : fixture.get("cases")) {
            cases.add(Arguments.of(
                    c.get("name").asText(),
                    fixture.get("templates").get(c.get("template").asText()),
                    c));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureCases")
    void rendersAsHuggingFaceJinja(String name, JsonNode template, JsonNode c) {
        ChatTemplate t = ChatTemplate.of(
                template.get("source").asText(),
                JSON.convertValue(template.get("special_tokens"), new TypeReference<Map<String, String>>() {}));
        List<Map<String, Object>> messages = JSON.convertValue(c.get("messages"), new TypeReference<>() {});
        Map<String, Object> variables = JSON.convertValue(c.get("variables"), new TypeReference<>() {});
        boolean generationPrompt = c.get("add_generation_prompt").asBoolean();
        if (c.get("error").isNull()) {
            assertEquals(c.get("expected").asText(), t.render(messages, generationPrompt, variables));
        } else {
            ChatTemplateException e =
                    assertThrows(ChatTemplateException.class, () -> t.render(messages, generationPrompt, variables));
            assertEquals(c.get("error").asText(), e.getMessage());
        }
    }

    @Test
    void readsQwen3TemplateAndSpecialTokensFromTokenizerConfig() throws IOException {
        Path qwen3 = SharedFiles.path("models/tokenizers/qwen3-tokenizer/tokenizer.json");
        ChatTemplate t = ChatTemplate.forTokenizer(qwen3);
        assertFalse(t.isFallback());
        assertEquals(
                "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
                t.render(List.of(Map.of("role", "user", "content", "Hi")), true, Map.of()));
        assertEquals(
                "<|im_end|>",
                ChatTemplate.of("{{ eos_token }}", Map.of("eos_token", "<|im_end|>"))
                        .render(List.of(), false, Map.of()));
    }

    /**
     * The same reading as the Qwen3 test above, on a tokenizer_config.json written here, so a clone without
     * ../shared checks it too: the template beside tokenizer.json, a special token as a string, one as an
     * added-token object, and a null one left undefined, as transformers leaves it.
     */
    @Test
    void readsTemplateAndSpecialTokensFromAWrittenTokenizerConfig(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("tokenizer_config.json"), """
                {"bos_token": {"content": "<|startoftext|>", "lstrip": false, "special": true},
                 "eos_token": "<|im_end|>", "unk_token": null,
                 "chat_template": "{{ bos_token }}{% for message in messages %}<|im_start|>{{ message.role }}\\n\
                {{ message.content }}{{ eos_token }}\\n{% endfor %}\
                {% if add_generation_prompt %}<|im_start|>assistant\\n{% endif %}\
                {% if unk_token is defined %}{{ unk_token }}{% endif %}"}""");
        ChatTemplate t = ChatTemplate.forTokenizer(dir.resolve("tokenizer.json"));
        assertFalse(t.isFallback());
        List<Map<String, String>> hi = List.of(Map.of("role", "user", "content", "Hi"));
        assertEquals(
                "<|startoftext|><|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", t.render(hi, true, Map.of()));
        assertEquals("<|startoftext|><|im_start|>user\nHi<|im_end|>\n", t.render(hi, false, Map.of()));
    }

    @Test
    void fallsBackToRoleContentLinesWithoutATemplate(@TempDir Path dir) throws IOException {
        ChatTemplate t = ChatTemplate.forTokenizer(dir);
        assertTrue(t.isFallback());
        List<Map<String, String>> messages =
                List.of(Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", "Hi"));
        assertEquals("system: Be brief.\nuser: Hi\nassistant:", t.render(messages, true, Map.of()));
        assertEquals("system: Be brief.\nuser: Hi\n", t.render(messages, false, Map.of()));
    }

    @Test
    void prefersChatTemplateFileAndReadsAddedTokenObjects(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), """
                {"bos_token": {"content": "<s>", "lstrip": false}, "eos_token": "</s>",
                 "chat_template": [{"name": "tool_use", "template": "tools"}, {"name": "default", "template": "config"}]}""");
        assertEquals("config", ChatTemplate.forTokenizer(dir).render(List.of(), false, Map.of()));
        Files.writeString(dir.resolve("chat_template.jinja"), "{{ bos_token }}file{{ eos_token }}\n");
        assertEquals("<s>file</s>", ChatTemplate.forTokenizer(dir).render(List.of(), false, Map.of()));
    }

    @Test
    void pythonStringMethodsBehaveAsInPython() {
        // expected values are what CPython's str methods return
        assertEquals(
                "x|ab|a / b|1|-1|['a', 'b c ']|['', 'a', '']|Hello|Don'T Stop",
                render("{{ 'Q: x'.lstrip('Q: ') }}|{{ '..ab..'.strip('.') }}|{{ ' / '.join(['a', 'b']) }}|"
                        + "{{ 'ab'.find('b') }}|{{ 'ab'.find('z') }}|{{ ' a b c '.split(none, 1) }}|"
                        + "{{ ',a,'.split(',') }}|{{ 'hELLO'.capitalize() }}|{{ \"don't stop\".title() }}"));
    }

    @Test
    void keywordArgumentsAndReversingSlicesParseAsJinja2() {
        assertEquals(
                "2|cba|3,2",
                render("{% set ns = namespace(n=[1, 2, 3]|length - 1) %}{{ ns.n }}|"
                        + "{{ 'abc'[::-1] }}|{{ [1, 2, 3][1:][::-1]|join(',') }}"));
        assertEquals("a=1", render("{% macro kv(k, v=1) %}{{ k }}={{ v }}{% endmacro %}{{ kv('a') }}"));
    }

    @Test
    void reportsSyntaxErrorsAsOneLine() {
        ChatTemplateException e = assertThrows(ChatTemplateException.class, () -> render("{{ messages[0] + }}"));
        assertTrue(e.getMessage().startsWith("chat template failed at line 1: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static String render(String source) {
        return ChatTemplate.of(source, Map.of()).render(List.of(), false, Map.of());
    }
}
