package org.fedcot.llm.prompt;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Jinja prompt template (rendered by Jinjava): loops, conditionals, filters, macros, and {@code include} of
 * classpath templates. Rendering is strict: an unknown variable or filter is an error, not empty text, so an
 * optional variable is tested with {@code is defined} ({@code {% if passage is defined %}}) or given a
 * {@code default}. The newline after a block tag is dropped ({@code trim_blocks}); write block tags at the
 * start of their line, since Jinjava's {@code lstrip_blocks} would also eat spaces inside lines.
 */
public final class PromptTemplate {
    private static final Jinjava JINJAVA = new Jinjava(JinjavaConfig.newBuilder()
            .withTrimBlocks(true)
            .withFailOnUnknownTokens(true)
            // parse as Jinja2 does: "1 + 2 * 3" is 7, "{{- x -}}" trims exactly as written
            .withLegacyOverrides(LegacyOverrides.newBuilder()
                    .withUseNaturalOperatorPrecedence(true)
                    .withParseWhitespaceControlStrictly(true)
                    .build())
            .build());

    private final String name;
    private final String source;

    private PromptTemplate(String name, String source) {
        this.name = name;
        this.source = source;
    }

    /** The template {@code source}, called {@code name} in error messages. */
    public static PromptTemplate of(String name, String source) {
        return new PromptTemplate(name, source);
    }

    /**
     * The template in classpath resource {@code resource} ("org/fedcot/llm/prompt/cqa-cot.jinja").
     *
     * @throws IllegalArgumentException when there is no such resource
     */
    public static PromptTemplate fromResource(String resource) {
        try (InputStream in = PromptTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no prompt template resource " + resource);
            }
            return new PromptTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read prompt template resource " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The template in UTF-8 text file {@code file}. */
    public static PromptTemplate fromFile(Path file) throws IOException {
        return new PromptTemplate(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Where the template came from: its resource, file or given name. */
    public String name() {
        return name;
    }

    /** The template's Jinja source. */
    public String source() {
        return source;
    }

    /**
     * The template rendered with {@code variables}.
     *
     * @throws IllegalArgumentException naming the template and line of the first error (a syntax error, an
     *                                  unknown variable or filter, a failing expression)
     */
    public String render(Map<String, ?> variables) {
        RenderResult result = JINJAVA.renderForResult(source, variables);
        if (!result.getErrors().isEmpty()) {
            TemplateError e = result.getErrors().getFirst();
            throw new IllegalArgumentException("prompt template " + name + " line " + e.getLineno() + ": "
                    + e.getMessage().strip().replaceAll("\\s+", " "));
        }
        return result.getOutput();
    }

    @Override
    public String toString() {
        return "PromptTemplate[" + name + "]";
    }
}
