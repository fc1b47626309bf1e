package org.fedcot.llm.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fedcot.models.io.JsonLinesLog;

/**
 * Every response received, in a JSON lines file: one line {@code {"key", "request", "response"}} per answer,
 * where {@code key} is the SHA-256 of the canonical request (see {@link CanonicalRequest}), {@code request}
 * that request's body and {@code response} the server's body as received. The file is a {@link JsonLinesLog}:
 * a line is written whole with one append and synced before the answer is handed on, so a killed run loses
 * at most the line it was writing; opening the file drops such a torn final line. One client writes a file
 * at a time (opening takes an exclusive lock on it), and lines from concurrent requests are appended one
 * after another, never mixed; an interrupt does not break off a write, so an interrupted batch still keeps
 * the answer it paid for.
 */
public final class ResponseCache implements AutoCloseable {
    private static final JsonLinesLog.Naming NAMING =
            new JsonLinesLog.Naming("response cache", "cache entry", "client");

    private final JsonLinesLog log;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, LlmResponse> entries;

    private ResponseCache(JsonLinesLog log, Map<String, LlmResponse> entries) {
        this.log = log;
        this.entries = entries;
    }

    /**
     * Opens (or creates) the cache in {@code file} and reads its answers. An unfinished final line that starts
     * like an entry is a write the previous run did not finish: it is cut off, with a warning.
     *
     * @throws IOException when the file cannot be read, another client holds it, or any other line is not a
     *                     cache entry (the file is not a response cache, and is left untouched)
     */
    public static ResponseCache open(Path file) throws IOException {
        Map<String, LlmResponse> entries = new ConcurrentHashMap<>();
        // each line is read into the map as it is checked: a line that fails is the torn tail or an error
        JsonLinesLog log = JsonLinesLog.open(file, NAMING, entry -> {
            String key = entry.path("key").asText("");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("no key");
            }
            entries.put(key, ResponseJson.parse(entry.path("response"), true));
        });
        return new ResponseCache(log, entries);
    }

    /** The file this cache keeps. */
    public Path file() {
        return log.file();
    }

    /** How many distinct requests have an answer. */
    public int size() {
        return entries.size();
    }

    /** The cached answer for canonical request {@code key}, marked {@linkplain LlmResponse#cached() cached}. */
    Optional<LlmResponse> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /**
     * Appends the answer {@code raw} (parsed: {@code response}) to {@code request} and syncs it to disk. A
     * failed append is cut back off, so the file stays whole lines.
     *
     * @throws UncheckedIOException naming the file when the line cannot be written
     */
    void put(CanonicalRequest request, JsonNode raw, LlmResponse response) {
        ObjectNode line = mapper.createObjectNode();
        line.put("key", request.key());
        line.set("request", request.body());
        line.set("response", raw);
        log.append(line);
        entries.put(request.key(), response.asCached());
    }

    /** Releases the file. */
    @Override
    public void close() throws IOException {
        log.close();
    }
}
