package org.fedcot.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hugging Face exports and the Distilling step-by-step format, on small hand-written files. */
class HfExportFormatsTest {

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    @Test
    void commonsenseQa() throws IOException {
        Path file = write(
                "commonsense_qa.jsonl",
                "{\"id\":\"075e483d21c29a511267ef62bedc0461\",\"question\":\"The sanctions against the school were a punishing blow,"
                        + " and they seemed to what the efforts the school had made to change?\",\"question_concept\":\"punishing\","
                        + "\"choices\":{\"label\":[\"A\",\"B\",\"C\",\"D\",\"E\"],\"text\":[\"ignore\",\"enforce\",\"authoritarian\","
                        + "\"yell at\",\"avoid\"]},\"answerKey\":\"A\"}",
                "",
                "{\"id\":\"q2\",\"question\":\"Where?\",\"question_concept\":\"x\",\"choices\":{\"label\":[\"A\",\"B\",\"C\",\"D\",\"E\"],"
                        + "\"text\":[\"v\",\"w\",\"x\",\"y\",\"z\"]},\"answerKey\":\"E\"}");
        List<QaExample> examples = DatasetReader.read(file, Dataset.CQA);
        assertEquals(
                DataFormat.HF_CHOICES, DataFormat.detect(JsonRecords.read(file).getFirst()));
        assertEquals(2, examples.size());
        assertEquals("075e483d21c29a511267ef62bedc0461", examples.get(0).id());
        assertEquals(
                List.of("ignore", "enforce", "authoritarian", "yell at", "avoid"),
                examples.get(0).choices());
        assertEquals("ignore", examples.get(0).answerText());
        assertEquals("z", examples.get(1).answerText());
    }

    @Test
    void openBookQaUsesQuestionStem() throws IOException {
        Path file = write(
                "openbookqa.jsonl",
                "{\"id\":\"7-980\",\"question_stem\":\"The sun is responsible for\",\"choices\":{\"text\":[\"puppies learning new tricks\","
                        + "\"children growing up and getting old\",\"flowers wilting in a vase\",\"plants sprouting, blooming and wilting\"],"
                        + "\"label\":[\"A\",\"B\",\"C\",\"D\"]},\"answerKey\":\"D\"}");
        QaExample e = DatasetReader.read(file, Dataset.OBQA).getFirst();
        assertEquals("The sun is responsible for", e.question());
        assertEquals("plants sprouting, blooming and wilting", e.answerText());
        assertEquals(3, e.answerIndex());
    }

    @Test
    void arcWithDigitKeysAndThreeChoices() throws IOException {
        Path file = write(
                "ai2_arc.jsonl",
                "{\"id\":\"NYSEDREGENTS_2008_4_6\",\"question\":\"When a rock is placed in a graduated cylinder containing water,"
                        + " the height of the water will\",\"choices\":{\"text\":[\"decrease\",\"increase\",\"remain the same\"],"
                        + "\"label\":[\"1\",\"2\",\"3\"]},\"answerKey\":\"2\"}",
                "{\"id\":\"five\",\"question\":\"Which?\",\"choices\":{\"text\":[\"a\",\"b\",\"c\",\"d\",\"e\"],"
                        + "\"label\":[\"A\",\"B\",\"C\",\"D\",\"E\"]},\"answerKey\":\"E\"}");
        List<QaExample> examples = DatasetReader.read(file, Dataset.ARC_EASY);
        assertEquals(
                List.of("decrease", "increase", "remain the same"),
                examples.get(0).choices());
        assertEquals(1, examples.get(0).answerIndex());
        assertEquals(4, examples.get(1).answerIndex());
    }

    @Test
    void boolqExport() throws IOException {
        Path file = write(
                "boolq.jsonl",
                "{\"question\":\"do iran and afghanistan speak the same language\",\"answer\":true,"
                        + "\"passage\":\"Persian language -- Persian is spoken in Iran and Afghanistan.\"}",
                "{\"question\":\"is the sky green\",\"answer\":false}");
        List<QaExample> examples = DatasetReader.read(file, Dataset.BOOLQ);
        assertEquals(
                QaExample.yesNo(
                        "boolq.jsonl:1",
                        "do iran and afghanistan speak the same language",
                        "Persian language -- Persian is spoken in Iran and Afghanistan.",
                        true),
                examples.get(0));
        assertEquals(QaExample.yesNo("boolq.jsonl:2", "is the sky green", null, false), examples.get(1));
        assertEquals("no", examples.get(1).answerText());
    }

    @Test
    void boolqExportAsJsonList() throws IOException {
        Path file = write(
                "boolq.json",
                "[",
                "  {\"question\": \"is it\", \"answer\": true},",
                "  {\"question\": \"is it not\", \"answer\": false}",
                "]");
        List<QaExample> examples = DatasetReader.read(file, Dataset.BOOLQ);
        assertEquals(
                List.of("boolq.json[0]", "boolq.json[1]"),
                examples.stream().map(QaExample::id).toList());
        assertEquals(
                List.of(1, 0), examples.stream().map(QaExample::answerIndex).toList());
    }

    @Test
    void distillingStepByStep() throws IOException {
        Path file = write(
                "cqa_train.json",
                "{\"id\":\"3a1b3c21a11f4ec53c166b0559df7369\",\"question\":\"A John is a bum.  Where does he live?\","
                        + "\"choices\":[\"bus depot\",\"beach\",\"train station\",\"bridge\",\"bridge\"],\"answer\":\"bridge\","
                        + "\"abstractive_explanation\":\"bums are well known to take up residence under bridges.\","
                        + "\"extractive_explanation\":\"a bum\"}");
        QaExample e = DatasetReader.read(file, Dataset.CQA).getFirst();
        assertEquals(
                DataFormat.STEP_BY_STEP,
                DataFormat.detect(JsonRecords.read(file).getFirst()));
        assertEquals("3a1b3c21a11f4ec53c166b0559df7369", e.id());
        assertEquals(3, e.answerIndex());
        assertEquals('d', e.answerLetter());
    }

    @Test
    void aForcedFormatIsUsedAsIs() throws IOException {
        Path file = write("boolq.jsonl", "{\"question\":\"is it\",\"answer\":true,\"passage\":\"It is.\"}");
        assertEquals(
                "It is.",
                DatasetReader.read(file, Dataset.BOOLQ, DataFormat.BOOLQ)
                        .getFirst()
                        .passage());
        MalformedDataException e = assertThrows(
                MalformedDataException.class, () -> DatasetReader.read(file, Dataset.BOOLQ, DataFormat.EDIT_REQUEST));
        assertEquals("subject", e.field());
        assertEquals(DataFormat.EDIT_REQUEST, DataFormat.fromName("edit-request"));
        assertEquals(DataFormat.HF_CHOICES, DataFormat.fromName("hf_choices"));
        assertThrows(IllegalArgumentException.class, () -> DataFormat.fromName("csv"));
    }

    @Test
    void unknownFieldsAndWrongDatasetAreRejected() throws IOException {
        Path odd = write("odd.jsonl", "{\"prompt\":\"x\",\"completion\":\"y\"}");
        MalformedDataException unknown =
                assertThrows(MalformedDataException.class, () -> DatasetReader.read(odd, Dataset.CQA));
        assertTrue(unknown.getMessage().contains("odd.jsonl:1"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("[prompt, completion]"), unknown.getMessage());

        Path boolq = write("boolq.jsonl", "{\"question\":\"is it\",\"answer\":true}");
        MalformedDataException wrong =
                assertThrows(MalformedDataException.class, () -> DatasetReader.read(boolq, Dataset.CQA));
        assertTrue(wrong.getMessage().contains("does not hold cqa"), wrong.getMessage());

        Path empty = write("empty.jsonl", "");
        assertThrows(MalformedDataException.class, () -> DatasetReader.read(empty, Dataset.CQA));
    }
}
