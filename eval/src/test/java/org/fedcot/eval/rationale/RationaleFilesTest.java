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
        for (int i = 0; i <= 11; i++) batch("train_CoT_" + i + ".json", "[]");
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
        List<Rationale> rs = RationaleReader.read(dir, "test", List.of(YES, QaExample.yesNo("r", "is it not", null, false)),
                TeacherFormat.PALM);
        assertEquals(List.of("q", "r"), rs.stream().map(Rationale::exampleId).toList());
        assertTrue(rs.stream().allMatch(Rationale::kept));
    }

    @Test
    void countsThatDoNotMatchTheQuestionsAreErrors() throws IOException {
        batch("test_CoT_0.json", "[\"a\", \"b\"]");
        MalformedDataException more = assertThrows(MalformedDataException.class,
                () -> RationaleReader.read(dir, "test", List.of(YES), TeacherFormat.PALM));
        assertTrue(more.getMessage().contains("test_CoT_0.json:1: element 1: more rationales than the 1 questions"),
                more.getMessage());
        MalformedDataException fewer = assertThrows(MalformedDataException.class,
                () -> RationaleReader.read(dir, "test", List.of(YES, YES, YES), TeacherFormat.PALM));
        assertTrue(fewer.getMessage().contains("after 2 rationales for 3 questions"), fewer.getMessage());
    }

    @Test
    void aRationaleThatIsNotAStringIsAnError() throws IOException {
        batch("test_CoT_0.json", "[\n\"fine\",\n{\"text\": \"odd\"}\n]");
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> RationaleReader.read(dir, "test", List.of(YES, YES), TeacherFormat.PALM));
        assertTrue(e.getMessage().contains("test_CoT_0.json:3: element 1: must be a JSON string, found object"), e.getMessage());
    }
}
