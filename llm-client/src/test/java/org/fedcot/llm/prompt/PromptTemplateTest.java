package org.fedcot.llm.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jinja features the prompt templates rely on, and strict rendering. */
class PromptTemplateTest {

    @Test
    void loopsWithLoopVariablesAndLetters() {
        PromptTemplate t = PromptTemplate.of("loop", """
                {% set letters = 'abcdefghijklmnopqrstuvwxyz'|list %}
                {% for c in choices %}
                {{ loop.index }}/{{ loop.length }} ({{ letters[loop.index0] }}) {{ c }}{% if loop.last %}.{% endif %}

                {% endfor %}""");
        assertEquals(
                "1/3 (a) dog\n2/3 (b) cat\n3/3 (c) bird.\n",
                t.render(Map.of("choices", List.of("dog", "cat", "bird"))));
    }

    @Test
    void conditionalsOnOptionalVariables() {
        PromptTemplate t = PromptTemplate.of("if", """
                {% if passage is defined and passage %}
                Passage: {{ passage }}
                {% elif hint is defined %}
                Hint: {{ hint }}
                {% else %}
                (none)
                {% endif %}
                Q: {{ question }}""");
        assertEquals("Passage: P\nQ: q", t.render(Map.of("question", "q", "passage", "P")));
        assertEquals("Hint: H\nQ: q", t.render(Map.of("question", "q", "hint", "H")));
        assertEquals("(none)\nQ: q", t.render(Map.of("question", "q", "passage", "")));
    }

    @Test
    void filtersAndMacros() {
        PromptTemplate t = PromptTemplate.of("filters", """
                {% macro option(letter, text) %}({{ letter }}) {{ text|trim|capitalize }}{% endmacro %}
                {{ question|trim|upper }} {{ choices|length }} {{ choices|join(' | ') }} {{ missing|default('n/a') }}
                {{ option('b', '  wet sand ') }} {{ 1 + 2 * 3 }}""");
        assertEquals(
                "WHY? 2 x | y n/a\n(b) Wet sand 7",
                t.render(Map.of("question", "  why? ", "choices", List.of("x", "y"))));
    }

    @Test
    void unknownVariablesAndFiltersAreErrorsNamingTemplateAndLine() {
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class, () -> PromptTemplate.of("strict.jinja", "line one\n{{ questoin }}")
                        .render(Map.of("question", "q")));
        assertTrue(unknown.getMessage().startsWith("prompt template strict.jinja line 2: "), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("questoin"), unknown.getMessage());
        IllegalArgumentException filter =
                assertThrows(IllegalArgumentException.class, () -> PromptTemplate.of("f", "{{ question|shout }}")
                        .render(Map.of("question", "q")));
        assertTrue(filter.getMessage().contains("shout"), filter.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.of("syntax", "{% for x in %}")
                .render(Map.of()));
    }

    @Test
    void loadsFromFilesAndResources(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.jinja");
        Files.writeString(file, "Hello {{ name }}!");
        PromptTemplate t = PromptTemplate.fromFile(file);
        assertEquals(file.toString(), t.name());
        assertEquals("Hello you!", t.render(Map.of("name", "you")));
        String resource = "org/fedcot/llm/prompt/cqa-cot.jinja";
        assertEquals(resource, PromptTemplate.fromResource(resource).name());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PromptTemplate.fromResource("nope.jinja"));
        assertEquals("no prompt template resource nope.jinja", e.getMessage());
    }

    @Test
    void fileTemplatesIncludeTheSharedQuestionLayout(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("zero-shot.jinja");
        Files.writeString(file, "Answer step by step.\n\n{% include \"org/fedcot/llm/prompt/cot-question.jinja\" %}");
        assertEquals(
                "Answer step by step.\n\nQ: q\nAnswer Choices:\n(a) x\n(b) y\nA:",
                PromptTemplate.fromFile(file).render(Map.of("question", "q", "choices", List.of("x", "y"))));
    }
}
