package org.fedcot.eval.rationale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.eval.data.MalformedDataException;
import org.fedcot.eval.data.QaExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch files in number order, aligned with the questions one to one. */
class RationaleFilesTest {

    private static final QaExample YES = QaExample.yesNo("q", "is it", null, true);

    @TempDir
    Path dir;

    private void batch(String name, String json) throws IOException {
        Files.writeString(dir.resolve(name), json);
    }

    @Test
    void batchesSortAsNumbers() throws IOException {
        for (int i = 0; i <= 11; i++) {
            batch("train_CoT_" + i + ".json", "[]");
        }
        batch("test_CoT_0.json", "[]");
        List<Path> files = RationaleFiles.of(dir, "train");
        assertEquals(12, files.size());
        assertEquals("train_CoT_2.json", files.get(2).getFileName().toString());
        assertEquals("train_CoT_10.json", files.get(10).getFileName().toString());
    }

    @Test
    void aMissingBatchIsAnError() throws IOException {
        batch("train_CoT_0.json", "[]");
        batch("train_CoT_2.json", "[]");
        IOException e = assertThrows(IOException.class, () -> RationaleFiles.of(dir, "train"));
        assertTrue(e.getMessage().contains("train_CoT_1.json is missing"), e.getMessage());
        assertThrows(IOException.class, () -> RationaleFiles.of(dir, "valid"));
    }

    @Test
    void rationalesAlignAcrossBatches() throws IOException {
        batch("test_CoT_0.json", "[\"So the answer is 'yes'.\"]");
        batch("test_CoT_1.json", "[\"So the answer is 'no'.\"]");
        List<Rationale> rs = RationaleReader.read(
                dir, "test", List.of(YES, QaExample.yesNo("r", "is it not", null, false)), TeacherFormat.PALM);
        assertEquals(List.of("q", "r"), rs.stream().map(Rationale::exampleId).toList());
        assertTrue(rs.stream().allMatch(Rationale::kept));
    }

    @Test
    void tinyLlmBatchesKeepEachFirstRationale() throws IOException {
        QaExample sun = new QaExample(
                "7-980",
                "The sun is responsible for",
                null,
                List.of("puppies learning new tricks", "children growing up", "flowers wilting", "plants sprouting"),
                3);
        QaExample rain =
                new QaExample("7-981", "Rain comes from", null, List.of("clouds", "rocks", "trees", "cars"), 0);
        // a Flan-T5 rationale, the runaway exemplar, then the LLaMA-2 one; or the LLaMA-2 one straight after
        batch(
                "train_CoT_0.json",
                "[\"Sun makes plants grow. Thus, the answer is (d) plants sprouting\\n\\nQ: What?\\n"
                        + "(a) x llama rationale: Let's think step by step. So the answer is (a) puppies learning new tricks.\"]");
        batch(
                "train_CoT_1.json",
                "[\"Clouds hold water. Thus, the answer is (b) rocks llama rationale: (a) clouds.\"]");
        List<Rationale> rs = RationaleReader.read(dir, "train", List.of(sun, rain), TeacherFormat.TINYLLM);
        assertEquals(
                "Sun makes plants grow. Thus, the answer is (d) plants sprouting",
                rs.get(0).text());
        assertTrue(rs.get(0).kept());
        assertEquals(
                "Clouds hold water. Thus, the answer is (b) rocks", rs.get(1).text());
        assertEquals(Verdict.WRONG_ANSWER, rs.get(1).verdict(), "judged on the first rationale, not the LLaMA-2 one");
    }

    @Test
    void countsThatDoNotMatchTheQuestionsAreErrors() throws IOException {
        batch("test_CoT_0.json", "[\"a\", \"b\"]");
        MalformedDataException more = assertThrows(
                MalformedDataException.class,
                () -> RationaleReader.read(dir, "test", List.of(YES), TeacherFormat.PALM));
        assertTrue(
                more.getMessage().contains("test_CoT_0.json:1: element 1: more rationales than the 1 questions"),
                more.getMessage());
        MalformedDataException fewer = assertThrows(
                MalformedDataException.class,
                () -> RationaleReader.read(dir, "test", List.of(YES, YES, YES), TeacherFormat.PALM));
        assertTrue(fewer.getMessage().contains("after 2 rationales for 3 questions"), fewer.getMessage());
    }

    @Test
    void aRationaleThatIsNotAStringIsAnError() throws IOException {
        batch("test_CoT_0.json", "[\n\"fine\",\n{\"text\": \"odd\"}\n]");
        MalformedDataException e = assertThrows(
                MalformedDataException.class,
                () -> RationaleReader.read(dir, "test", List.of(YES, YES), TeacherFormat.PALM));
        assertTrue(
                e.getMessage().contains("test_CoT_0.json:3: element 1: must be a JSON string, found object"),
                e.getMessage());
    }
}
