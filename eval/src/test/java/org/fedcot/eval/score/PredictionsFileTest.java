package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsFileTest {
    @Test
    void oneJsonObjectPerLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("predictions.jsonl");
        Files.writeString(file, "old contents\n");
        PredictionsFile.write(
                file,
                List.of(
                        ChoicePrediction.of("q1", 1, new double[] {-2.5, -0.5}, List.of("no", "yes")),
                        new GenerationPrediction("q2", 0, -1, "no idea"),
                        new GenerationPrediction("q3", 1, 1, "So the answer is (b) yes.")));
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        ObjectMapper json = new ObjectMapper();
        assertEquals(
                json.readTree("{\"id\":\"q1\",\"gold\":1,\"predicted\":1,\"correct\":true,\"predicted_norm\":1,"
                        + "\"correct_norm\":true,\"logliks\":[-2.5,-0.5]}"),
                json.readTree(lines.get(0)));
        JsonNode unmatched = json.readTree(lines.get(1));
        assertEquals(true, unmatched.get("predicted").isNull());
        assertEquals(false, unmatched.get("correct").asBoolean());
        assertEquals(
                "So the answer is (b) yes.",
                json.readTree(lines.get(2)).get("generated").asText());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }
}
