package org.fedcot.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.eval.score.Interval;
import org.fedcot.models.checkpoint.AtomicFiles;

/**
 * A {@link ResultTable} as JSON, with every number a report shows: per row the method, dataset, eps
 * (null without), correct and total, accuracy, the 95% Wilson interval's bounds and half-width, and
 * the TokenRatio (null without). Reading takes the counts and recomputes the rest, so a file read back
 * gives the table it was written from.
 */
public final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ROWS = "rows";

    private ResultJson() {}

    /** The table as a JSON document. */
    public static String toJson(ResultTable table) {
        ObjectNode root = JSON.createObjectNode();
        root.put("confidence_interval", "Wilson score interval, 95%");
        ArrayNode rows = root.putArray(ROWS);
        for (ResultRow r : table.rows()) {
            Accuracy a = r.accuracy();
            Interval ci = a.interval();
            ObjectNode row = rows.addObject();
            row.put("method", r.method());
            row.put("dataset", r.dataset());
            row.put("epsilon", r.epsilon());
            row.put("correct", a.correct());
            row.put("total", a.total());
            row.put("accuracy", a.value());
            row.put("ci_lower", ci.lower());
            row.put("ci_upper", ci.upper());
            row.put("ci_half_width", ci.halfWidth());
            row.put("token_ratio", r.tokenRatio());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree failed to serialise", e);
        }
    }

    /**
     * The table a {@link #toJson} document holds.
     *
     * @throws IOException when the text is not JSON or a row lacks a field or holds an impossible value
     */
    public static ResultTable fromJson(String json) throws IOException {
        JsonNode rows = JSON.readTree(json).path(ROWS);
        if (!rows.isArray()) {
            throw new IOException("results JSON: no \"rows\" array");
        }
        List<ResultRow> read = new ArrayList<>();
        for (JsonNode row : rows) {
            try {
                read.add(new ResultRow(
                        text(row, "method"),
                        text(row, "dataset"),
                        number(row, "epsilon"),
                        new Accuracy(
                                row.path("correct").asInt(-1), row.path("total").asInt(-1)),
                        number(row, "token_ratio")));
            } catch (IllegalArgumentException e) {
                throw new IOException("results JSON row " + read.size() + ": " + e.getMessage(), e);
            }
        }
        return new ResultTable(read);
    }

    /** Writes the table to {@code path} atomically. */
    public static void write(ResultTable table, Path path) throws IOException {
        AtomicFiles.writeString(path, toJson(table));
    }

    /** Reads a table written by {@link #write}. */
    public static ResultTable read(Path path) throws IOException {
        return fromJson(Files.readString(path));
    }

    private static String text(JsonNode row, String field) {
        return row.path(field).isTextual() ? row.get(field).asText() : null;
    }

    private static Double number(JsonNode row, String field) {
        return row.path(field).isNumber() ? row.get(field).asDouble() : null;
    }
}
