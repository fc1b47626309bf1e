package org.fedcot.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same BoolQ questions written here in the three layouts ../shared holds them in (BoolQ's own JSON
 * lines with passages, heddayam's edit requests, FedLS's LLM-Adapters list) read as the same
 * questions and answers, each with the id its layout gives and a passage only where there is one.
 */
class BoolqCopiesTest {
    /** Question, answer, passage: BoolQ questions are lower case, without a question mark. */
    private static final List<String[]> QUESTIONS = List.of(
            new String[] {"is the sky blue on a clear day", "true", "Rayleigh scattering makes the sky look blue."},
            new String[] {"can a penguin fly", "false", "Penguins are flightless birds."},
            new String[] {"is it true that \"quotes\" survive", "true", "A passage with \"quotes\"."});

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theThreeLayoutsReadAsTheSameQuestions() throws IOException {
        Path boolq = Files.writeString(
                dir.resolve("dev.jsonl"),
                QUESTIONS.stream()
                        .map(q -> "{\"question\": " + quoted(q[0]) + ", \"title\": \"t\", \"answer\": " + q[1]
                                + ", \"passage\": " + quoted(q[2]) + "}")
                        .collect(Collectors.joining("\n", "", "\n")));
        Path edits = Files.writeString(
                dir.resolve("validation.jsonl"),
                QUESTIONS.stream()
                        .map(q -> "{\"prompt\":\"question: {}\",\"subject\":" + quoted(q[0])
                                + ",\"target_new\":{\"str\":\"" + (q[1].equals("true") ? "True" : "False") + "\"}}")
                        .collect(Collectors.joining("\n", "", "\n")));
        Path adapters = Files.writeString(
                dir.resolve("test.json"),
                QUESTIONS.stream()
                        .map(q -> "{\"instruction\": "
                                + quoted("Please answer the following question with true or false, question: " + q[0]
                                        + "?\n\nAnswer format: true/false")
                                + ", \"input\": \"\", \"output\": \"the correct answer is "
                                + q[1] + "\", \"answer\": \"" + q[1] + "\"}")
                        .collect(Collectors.joining(",\n", "[\n", "\n]\n")));

        List<QaExample> withPassages = DatasetReader.read(boolq, Dataset.BOOLQ);
        List<QaExample> fromEdits = DatasetReader.read(edits, Dataset.BOOLQ);
        List<QaExample> fromAdapters = DatasetReader.read(adapters, Dataset.BOOLQ);
        for (int i = 0; i < QUESTIONS.size(); i++) {
            String[] q = QUESTIONS.get(i);
            boolean yes = q[1].equals("true");
            assertEquals(QaExample.yesNo("dev.jsonl:" + (i + 1), q[0], q[2], yes), withPassages.get(i));
            assertEquals(QaExample.yesNo("validation.jsonl:" + (i + 1), q[0], null, yes), fromEdits.get(i));
            // the template's "?" and answer format are not part of the question
            assertEquals(QaExample.yesNo("test.json[" + i + "]", q[0], null, yes), fromAdapters.get(i));
        }
        assertEquals(
                List.of(QUESTIONS.size(), QUESTIONS.size(), QUESTIONS.size()),
                List.of(withPassages.size(), fromEdits.size(), fromAdapters.size()));
    }

    /** {@code text} as a JSON string literal. */
    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
