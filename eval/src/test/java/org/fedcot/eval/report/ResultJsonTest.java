package org.fedcot.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultJsonTest {
    @Test
    void roundTrip(@TempDir Path dir) throws IOException {
        ResultTable table = ReportFixtures.table();
        Path file = dir.resolve("results.json");
        ResultJson.write(table, file);
        assertEquals(table.rows(), ResultJson.read(file).rows());
    }

    @Test
    void everyNumberIsWritten() throws IOException {
        JsonNode row = new ObjectMapper()
                .readTree(ResultJson.toJson(ReportFixtures.table()))
                .get("rows")
                .get(1);
        assertEquals("Standalone", row.get("method").asText());
        assertEquals(true, row.get("epsilon").isNull());
        assertEquals(50, row.get("correct").asInt());
        assertEquals(100, row.get("total").asInt());
        assertEquals(0.5, row.get("accuracy").asDouble());
        assertEquals(0.40383, row.get("ci_lower").asDouble(), 1e-5);
        assertEquals(0.59617, row.get("ci_upper").asDouble(), 1e-5);
        assertEquals((0.59617 - 0.40383) / 2, row.get("ci_half_width").asDouble(), 1e-5);
        assertEquals(true, row.get("token_ratio").isNull());
    }

    @Test
    void badRowsAreReported() {
        IOException e = assertThrows(
                IOException.class,
                () -> ResultJson.fromJson(
                        "{\"rows\":[{\"method\":\"m\",\"dataset\":\"cqa\",\"correct\":5,\"total\":4}]}"));
        assertEquals(true, e.getMessage().startsWith("results JSON row 0: "), e.getMessage());
        assertThrows(IOException.class, () -> ResultJson.fromJson("{}"));
    }
}
