package org.fedcot.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of malformed record stops the read with one line naming file, line and field. */
class MalformedRecordsTest {

    private static final String GOOD_CQA =
            "{\"id\":\"a\",\"question\":\"Q?\",\"choices\":[\"v\",\"w\",\"x\",\"y\",\"z\"],\"answer\":\"x\"}";

    @TempDir
    Path dir;

    /** The error reading a file whose line 1 is a good CQA record and line 3 is {@code bad}. */
    private MalformedDataException cqaError(String bad) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), GOOD_CQA + "\n\n" + bad + "\n");
        return assertThrows(MalformedDataException.class, () -> DatasetReader.read(file, Dataset.CQA));
    }

    private static void assertPoints(MalformedDataException e, String where, String field, String problem) {
        String m = e.getMessage();
        assertTrue(m.startsWith(e.file() + ":" + e.line()), m);
        assertTrue(m.contains(where), m);
        assertTrue(m.contains("field '" + field + "'"), m);
        assertTrue(m.contains(problem), m);
        assertEquals(field, e.field());
        assertEquals(1, m.lines().count(), m);
    }

    @Test
    void missingField() throws IOException {
        MalformedDataException e = cqaError("{\"id\":\"b\",\"choices\":[\"v\",\"w\"],\"answer\":\"v\"}");
        assertPoints(e, "bad.jsonl:3", "question", "is missing");
        assertEquals(3, e.line());
    }

    @Test
    void wrongType() throws IOException {
        assertPoints(
                cqaError("{\"id\":\"b\",\"question\":\"Q?\",\"choices\":\"v, w\",\"answer\":\"v\"}"),
                "bad.jsonl:3",
                "choices",
                "must be a list of strings, found string");
        assertPoints(
                cqaError("{\"id\":\"b\",\"question\":\"Q?\",\"choices\":[\"v\",2],\"answer\":\"v\"}"),
                "bad.jsonl:3",
                "choices",
                "found number");
        assertPoints(
                cqaError("{\"id\":\"b\",\"question\":7,\"choices\":[\"v\",\"w\"],\"answer\":\"v\"}"),
                "bad.jsonl:3",
                "question",
                "must be a string, found number");
    }

    @Test
    void emptyQuestion() throws IOException {
        assertPoints(
                cqaError("{\"id\":\"b\",\"question\":\" \",\"choices\":[\"v\",\"w\"],\"answer\":\"v\"}"),
                "bad.jsonl:3",
                "question",
                "is empty");
    }

    @Test
    void answerNotAmongChoices() throws IOException {
        assertPoints(
                cqaError("{\"id\":\"b\",\"question\":\"Q?\",\"choices\":[\"v\",\"w\"],\"answer\":\"moon\"}"),
                "bad.jsonl:3",
                "answer",
                "\"moon\" is not among the choices");
    }

    @Test
    void answerKeyNotAmongLabels() throws IOException {
        Path file = Files.writeString(
                dir.resolve("arc.jsonl"),
                "{\"id\":\"a\",\"question\":\"Q?\",\"choices\":{\"text\":[\"x\",\"y\",\"z\"],\"label\":[\"1\",\"2\",\"3\"]},\"answerKey\":\"D\"}\n");
        MalformedDataException e =
                assertThrows(MalformedDataException.class, () -> DatasetReader.read(file, Dataset.ARC_EASY));
        assertPoints(e, "arc.jsonl:1", "answerKey", "'D' is not among the choices' labels [1, 2, 3]");
    }

    @Test
    void labelsAndTextsDiffer() throws IOException {
        Path file = Files.writeString(
                dir.resolve("arc.jsonl"),
                "{\"id\":\"a\",\"question\":\"Q?\",\"choices\":{\"text\":[\"x\",\"y\",\"z\"],\"label\":[\"A\",\"B\"]},\"answerKey\":\"A\"}\n");
        MalformedDataException e =
                assertThrows(MalformedDataException.class, () -> DatasetReader.read(file, Dataset.ARC_EASY));
        assertPoints(e, "arc.jsonl:1", "choices.label", "has 2 labels for 3 texts");
    }

    @Test
    void nestedFieldOfWrongType() throws IOException {
        Path file = Files.writeString(
                dir.resolve("edit.jsonl"),
                "{\"subject\":\"is it\",\"target_new\":{\"str\":\"True\"}}\n{\"subject\":\"is it\",\"target_new\":\"True\"}\n");
        MalformedDataException e =
                assertThrows(MalformedDataException.class, () -> DatasetReader.read(file, Dataset.BOOLQ));
        assertPoints(e, "edit.jsonl:2", "target_new", "must be an object, found string");
    }

    @Test
    void booleanSpelledWrong() throws IOException {
        Path boolq = Files.writeString(
                dir.resolve("boolq.jsonl"),
                "{\"question\":\"is it\",\"answer\":true}\n{\"question\":\"is it\",\"answer\":\"true\"}\n");
        assertPoints(
                assertThrows(MalformedDataException.class, () -> DatasetReader.read(boolq, Dataset.BOOLQ)),
                "boolq.jsonl:2",
                "answer",
                "must be a boolean, found string");
        Path edit = Files.writeString(
                dir.resolve("edit.jsonl"), "{\"subject\":\"is it\",\"target_new\":{\"str\":\"Maybe\"}}\n");
        assertPoints(
                assertThrows(MalformedDataException.class, () -> DatasetReader.read(edit, Dataset.BOOLQ)),
                "edit.jsonl:1",
                "target_new.str",
                "must be \"true\" or \"false\", found \"Maybe\"");
    }

    @Test
    void elementOfAJsonListPointsAtItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("train.json"), """
                [
                    {"instruction": "Please answer, question: is it?\\n\\nAnswer format: true/false", "input": "", "answer": "true"},
                    {
                        "instruction": "Please answer, question: is it not?\\n\\nAnswer format: true/false",
                        "input": ""
                    }
                ]
                """);
        MalformedDataException e =
                assertThrows(MalformedDataException.class, () -> DatasetReader.read(file, Dataset.BOOLQ));
        assertPoints(e, "train.json:3: element 1", "answer", "is missing");
    }

    @Test
    void instructionWithoutQuestion() throws IOException {
        Path file =
                Files.writeString(dir.resolve("train.json"), "[{\"instruction\": \"Say yes.\", \"answer\": \"true\"}]");
        MalformedDataException e =
                assertThrows(MalformedDataException.class, () -> DatasetReader.read(file, Dataset.BOOLQ));
        assertPoints(e, "train.json:1: element 0", "instruction", "holds no \"question: ...\"");
    }

    @Test
    void badJsonLine() throws IOException {
        MalformedDataException e = cqaError("{\"id\":\"b\",\"question\":\"Q?\",");
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.jsonl") + ":3: bad JSON: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertNull(e.field());
        assertTrue(cqaError(GOOD_CQA + " " + GOOD_CQA).getMessage().contains("bad.jsonl:3: bad JSON"));
    }

    @Test
    void badJsonInAList() throws IOException {
        Path file = Files.writeString(
                dir.resolve("list.json"), "[\n  \"fine\",\n  \"also fine\"\n  \"comma missing\"\n]\n");
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> JsonRecords.read(file));
        assertTrue(e.getMessage().startsWith(file + ":4: bad JSON: "), e.getMessage());
        Path open = Files.writeString(dir.resolve("open.json"), "[\n  \"fine\",\n");
        assertTrue(assertThrows(MalformedDataException.class, () -> JsonRecords.read(open))
                .getMessage()
                .contains("bad JSON"));
        Path twice = Files.writeString(dir.resolve("twice.json"), "[\"a\"]\n[\"b\"]\n");
        assertTrue(assertThrows(MalformedDataException.class, () -> JsonRecords.read(twice))
                .getMessage()
                .contains("twice.json:2: bad JSON: content after the list"));
    }

    @Test
    void recordThatIsNotAnObject() throws IOException {
        MalformedDataException e = cqaError("[1, 2]");
        assertTrue(e.getMessage().contains("bad.jsonl:3: must be a JSON object, found array"), e.getMessage());
    }
}
