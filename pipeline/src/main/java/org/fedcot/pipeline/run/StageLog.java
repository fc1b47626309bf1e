package org.fedcot.pipeline.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fedcot.models.io.JsonLinesLog;

/**
 * One stage's output: a {@link JsonLinesLog} of records {@code {"id": ..., fields...}}, one per example, each
 * appended and synced as soon as it is made. A rerun opens the same file, finds which ids are done and
 * makes only the rest: the unit of resumption is one record.
 */
public final class StageLog implements AutoCloseable {
    private static final JsonLinesLog.Naming NAMING = new JsonLinesLog.Naming("stage file", "stage record", "run");

    private final JsonLinesLog log;
    private final Map<String, JsonNode> records = new LinkedHashMap<>();

    private StageLog(JsonLinesLog log) {
        this.log = log;
        for (JsonNode r : log.records()) {
            records.put(r.get("id").asText(), r);
        }
    }

    /** Opens (or creates) the stage file {@code file}. */
    public static StageLog open(Path file) throws IOException {
        return new StageLog(JsonLinesLog.open(file, NAMING, r -> {
            if (!r.path("id").isTextual()) {
                throw new IllegalArgumentException("no id");
            }
        }));
    }

    /** Whether example {@code id} is done. */
    public boolean has(String id) {
        return records.containsKey(id);
    }

    /** The record of example {@code id}, or null. */
    public JsonNode get(String id) {
        return records.get(id);
    }

    /** The records so far, by id, in the order they were made. */
    public Map<String, JsonNode> records() {
        return Collections.unmodifiableMap(records);
    }

    /** A new record for example {@code id}, to fill and {@link #append}. */
    public static ObjectNode record(String id) {
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }

    /** Appends {@code record} durably. */
    public void append(ObjectNode record) {
        log.append(record);
        records.put(record.get("id").asText(), record);
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
