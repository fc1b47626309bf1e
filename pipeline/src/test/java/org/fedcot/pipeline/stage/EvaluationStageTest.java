package org.fedcot.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.eval.data.QaExample;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers are made and stored a batch at a time: a run stopped while making a batch keeps the batches before it,
 * and the rerun asks only for the questions not stored, in batches again, ending with every question's record.
 */
class EvaluationStageTest {
    private static final int BATCH = 2;

    @TempDir
    Path dir;

    /** Five questions whose gold answer is "red" for q0, q2 and q4, "blue" for the others. */
    private static List<QaExample> questions() {
        List<QaExample> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(new QaExample("q" + i, "Which colour is number " + i + "?", null, List.of("red", "blue"), i % 2));
        }
        return out;
    }

    private static List<String> ids(List<QaExample> questions) {
        return questions.stream().map(QaExample::id).toList();
    }

    /** "red" for every question. */
    private static List<String> red(List<QaExample> questions) {
        return questions.stream().map(q -> "red").toList();
    }

    @Test
    void aRunStoppedInItsSecondBatchResumesWithTheQuestionsItHadNotStored() throws IOException {
        Path file = dir.resolve("predictions.jsonl");
        List<QaExample> test = questions();
        List<List<String>> asked = new ArrayList<>();
        EvaluationStage.Answers stopsInSecondBatch = questions -> {
            asked.add(ids(questions));
            if (asked.size() == 2) {
                throw new IllegalStateException("stopped");
            }
            return red(questions);
        };
        assertThrows(
                IllegalStateException.class,
                () -> EvaluationStage.run(file, "evaluate", test, BATCH, stopsInSecondBatch, RunListener.NONE));
        assertEquals(List.of(List.of("q0", "q1"), List.of("q2", "q3")), asked);
        assertEquals(2, Files.readAllLines(file).size());

        List<List<String>> resumed = new ArrayList<>();
        List<String> heard = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void stageStarted(String stage, int total, int done) {
                heard.add("started " + total + " " + done);
            }

            @Override
            public void stageProgress(String stage, int done) {
                heard.add("progress " + done);
            }
        };
        Accuracy accuracy = EvaluationStage.run(
                file,
                "evaluate",
                test,
                BATCH,
                questions -> {
                    resumed.add(ids(questions));
                    return red(questions);
                },
                listener);
        assertEquals(List.of(List.of("q2", "q3"), List.of("q4")), resumed);
        assertEquals(List.of("started 5 2", "progress 3", "progress 4", "progress 5"), heard);
        assertEquals(new Accuracy(3, 5), accuracy);
        assertEquals(5, Files.readAllLines(file).size());

        assertEquals(
                new Accuracy(3, 5),
                EvaluationStage.run(
                        file,
                        "evaluate",
                        test,
                        BATCH,
                        questions -> {
                            fail("asked again for " + ids(questions));
                            return List.of();
                        },
                        RunListener.NONE));
    }
}
