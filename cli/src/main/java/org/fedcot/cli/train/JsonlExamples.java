package org.fedcot.cli.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import org.fedcot.cli.KnownFields;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.train.Example;
import org.fedcot.models.train.TaskWeights;

/**
 * Training examples from a JSON-lines file, one object per line:
 * {@code {"prompt": "...", "target": "...", "task": "rationale"}}. The task may be left out and is
 * then {@value TaskWeights#LABEL}; blank lines are skipped. The prompt is tokenised with the
 * tokenizer's BOS in front (when it has one), the target with its EOS after (when it has one), so
 * the model learns to stop.
 */
final class JsonlExamples {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The fields of a line: the format is the project's own, so any other is a mistake. */
    private static final Set<String> FIELDS = Set.of("prompt", "target", "task");

    private JsonlExamples() {}

    /**
     * Reads and tokenises every line of {@code file}.
     *
     * @throws IllegalArgumentException starting {@code file:line:} and naming the field, for a line that
     *                                  is not a JSON object, lacks a field, has one that is not a string or
     *                                  one the format does not have;
     *                                  or naming the file when it is missing, unreadable or empty
     */
    static List<Example> read(Path file, Tokenizer tokenizer) {
        List<Example> examples = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (!line.isBlank()) {
                    examples.add(parse(line, file + ":" + lineNo, tokenizer));
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ":" + (lineNo + 1) + ": not valid UTF-8");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage());
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(file + ": holds no examples");
        }
        return examples;
    }

    private static Example parse(String line, String where, Tokenizer tokenizer) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object with \"prompt\" and \"target\"");
        }
        KnownFields.require(node, FIELDS, where);
        String prompt = string(node, "prompt", where);
        String target = string(node, "target", where);
        String task = node.has("task") ? string(node, "task", where) : TaskWeights.LABEL;
        return new Example(
                where,
                withSpecial(tokenizer.bosId(), tokenizer.encode(prompt, false), true),
                withSpecial(tokenizer.eosId(), tokenizer.encode(target, false), false),
                task);
    }

    private static String string(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException(where + ": field \"" + field + "\" is missing");
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + ": field \"" + field + "\" must be a string, not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return value.asText();
    }

    /** {@code ids} with {@code special} added in front or after, when the tokenizer has that token. */
    private static int[] withSpecial(OptionalInt special, int[] ids, boolean inFront) {
        if (special.isEmpty()) {
            return ids;
        }
        int[] out = new int[ids.length + 1];
        System.arraycopy(ids, 0, out, inFront ? 1 : 0, ids.length);
        out[inFront ? 0 : ids.length] = special.getAsInt();
        return out;
    }
}
