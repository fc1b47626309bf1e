package org.fedcot.llm.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fedcot.models.io.JsonLinesLog;

/**
 * Beside a response cache, the requests sent to the server ({@code {"asked": key}} when the first attempt
 * goes out) and those that ended without an answer ({@code {"settled": key}}: refused, or out of retries).
 * A request asked, neither settled nor in the cache, was in flight when its run stopped: the server may
 * have generated it, and a resume asks it again (with the same idempotency key, so a server that keeps
 * recent answers, as {@code fedcot serve} does, answers from memory rather than generating twice). The
 * journal is a {@link JsonLinesLog}, synced line by line; it grows by two short lines at most per request.
 */
final class InFlightJournal implements AutoCloseable {
    private static final JsonLinesLog.Naming NAMING =
            new JsonLinesLog.Naming("in-flight journal", "journal entry", "client");

    private final JsonLinesLog log;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<String> asked = ConcurrentHashMap.newKeySet();
    private final int inFlightAtOpen;

    private InFlightJournal(JsonLinesLog log, int inFlightAtOpen) {
        this.log = log;
        this.inFlightAtOpen = inFlightAtOpen;
    }

    /** The journal kept beside {@code cacheFile}: the same name with ".inflight" added. */
    static Path fileFor(Path cacheFile) {
        return cacheFile.resolveSibling(cacheFile.getFileName() + ".inflight");
    }

    /**
     * Opens (or creates) the journal of {@code cache} and counts the requests that earlier runs left in
     * flight.
     *
     * @throws IOException as {@link JsonLinesLog#open} does
     */
    static InFlightJournal open(ResponseCache cache) throws IOException {
        Set<String> open = new HashSet<>();
        JsonLinesLog log = JsonLinesLog.open(fileFor(cache.file()), NAMING, line -> {
            if (line.hasNonNull("asked")) {
                open.add(line.get("asked").asText());
            } else if (line.hasNonNull("settled")) {
                open.remove(line.get("settled").asText());
            } else {
                throw new IllegalArgumentException("neither asked nor settled");
            }
        });
        open.removeIf(key -> cache.get(key).isPresent());
        return new InFlightJournal(log, open.size());
    }

    /** Requests earlier runs sent and never got an answer to, nor a refusal: in flight when they stopped. */
    int inFlightAtOpen() {
        return inFlightAtOpen;
    }

    /** Notes that {@code key} is being sent, once per key however many attempts it takes. */
    void asked(String key) {
        if (asked.add(key)) {
            append("asked", key);
        }
    }

    /** Notes that {@code key} ended without an answer, so it was not in flight. */
    void settled(String key) {
        append("settled", key);
    }

    private void append(String field, String key) {
        ObjectNode line = mapper.createObjectNode();
        line.put(field, key);
        log.append(line);
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
