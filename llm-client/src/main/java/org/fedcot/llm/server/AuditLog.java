package org.fedcot.llm.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The record of what a server was sent, for judging what a semi-honest server saw: one JSON line per
 * request ({@code time}, {@code remote}, {@code method}, {@code path}, {@code body} as received,
 * {@code truncated} when the body was too large to read whole), appended to the file as one write
 * while holding the lock, so lines never interleave. Request headers, the Authorization header
 * among them, are never written.
 */
final class AuditLog implements AutoCloseable {
    private final FileChannel channel;
    private final ObjectMapper mapper;

    private AuditLog(FileChannel channel, ObjectMapper mapper) {
        this.channel = channel;
        this.mapper = mapper;
    }

    /** Opens {@code file} for appending, creating it if needed. */
    static AuditLog open(Path file, ObjectMapper mapper) throws IOException {
        try {
            return new AuditLog(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), mapper);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot open the audit log " + file + ": its directory does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot open the audit log " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot open the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one request's line. */
    void record(Instant time, String remote, String method, String path, String body, boolean truncated)
            throws IOException {
        ObjectNode line = mapper.createObjectNode();
        line.put("time", time.toString());
        line.put("remote", remote);
        line.put("method", method);
        line.put("path", path);
        line.put("body", body);
        if (truncated) {
            line.put("truncated", true);
        }
        byte[] bytes;
        try {
            bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        synchronized (this) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
