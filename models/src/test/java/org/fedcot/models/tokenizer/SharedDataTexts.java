package org.fedcot.models.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fedcot.testing.SharedFiles;

/**
 * Every distinct question, answer-choice and rationale text in the shared data sets (see
 * ../shared/data/README.md): CQA, OBQA, ARC-Easy and BoolQ questions and choices, and the CoS-E,
 * PaLM, Llama 3, Flan-T5/LLaMA-2, GPT-3 and LLaMA rationales. Passages, titles, ids and labels are
 * left out. Read once per test JVM.
 */
public final class SharedDataTexts {
    /**
     * The fields that hold such texts, wherever they sit in a record: a string, a list of strings, or
     * (ARC's choices) an object whose "text" is a list of strings.
     */
    private static final Set<String> TEXT_FIELDS = Set.of(
            "question",
            "subject",
            "instruction",
            "input", // questions (some with their choices)
            "choices",
            "output", // choices, and BoolQ's "the correct answer is ..." targets
            "abstractive_explanation",
            "extractive_explanation",
            "gen_label",
            "rationale",
            "predicted_rationale",
            "full_output",
            "full_output_goodformat",
            "trunc_output",
            "trunc_output_goodformat"); // rationales

    private static List<String> texts;

    private SharedDataTexts() {}

    /** The distinct texts, in file order, of every .json / .jsonl file under the shared data folder. */
    public static synchronized List<String> all() {
        if (texts == null) {
            Set<String> found = new LinkedHashSet<>();
            try (Stream<Path> files = Files.walk(SharedFiles.path("data"))) {
                for (Path file : files.filter(f -> f.toString().matches(".*\\.jsonl?"))
                        .sorted()
                        .toList()) {
                    read(file, found);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            texts = List.copyOf(found);
        }
        return texts;
    }

    /** JSON lines, one JSON value, or a JSON list (whose elements Jackson iterates): all the same here. */
    private static void read(Path file, Set<String> texts) throws IOException {
        try (MappingIterator<JsonNode> records =
                new ObjectMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
            while (records.hasNext()) {
                JsonNode record = records.next();
                if (record.isTextual()) {
                    texts.add(record.asText()); // a list of rationale strings (llm_palm, obqa/llm)
                } else {
                    collect(record, texts);
                }
            }
        }
    }

    private static void collect(JsonNode node, Set<String> texts) {
        if (node.isArray()) {
            node.forEach(element -> collect(element, texts));
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (TEXT_FIELDS.contains(field.getKey())) {
                JsonNode list = value.has("text") ? value.get("text") : value;
                if (list.isTextual()) {
                    texts.add(list.asText());
                } else {
                    list.forEach(item -> texts.add(item.asText()));
                }
            } else if (value.isContainerNode()) {
                collect(value, texts); // records nested under keys, as in {"0": {...}, "1": {...}}
            }
        }
    }
}
