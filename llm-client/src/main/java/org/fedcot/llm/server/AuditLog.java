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
 * authenticated request ({@code time}, {@code remote}, {@code method}, {@code path}, {@code body} as
 * received; {@code replay} when it was answered with a kept response, see {@link ReplayMemory}), appended
 * to the file as one write while holding the lock, so lines never interleave. A body longer than the
 * limit is recorded cut to it (at a character boundary) with {@code truncated} and its full size in
 * {@code body_bytes}, so no request can grow the log by more than about the limit. Request headers, the
 * Authorization header among them, are never written.
 */
final class AuditLog implements AutoCloseable {
    private final FileChannel channel;
    private final ObjectMapper mapper;
    private final int bodyLimit;

    private AuditLog(FileChannel channel, ObjectMapper mapper, int bodyLimit) {
        this.channel = channel;
        this.mapper = mapper;
        this.bodyLimit = bodyLimit;
    }

    /** Opens {@code file} for appending, creating it if needed; a line records at most {@code bodyLimit} body bytes. */
    static AuditLog open(Path file, ObjectMapper mapper, int bodyLimit) throws IOException {
        try {
            return new AuditLog(
                    FileChannel.open(
                            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    mapper,
                    bodyLimit);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot open the audit log " + file + ": its directory does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot open the audit log " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot open the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one request's line. */
    void record(Instant time, String remote, String method, String path, byte[] body, boolean replay)
            throws IOException {
        ObjectNode line = mapper.createObjectNode();
        line.put("time", time.toString());
        line.put("remote", remote);
        line.put("method", method);
        line.put("path", path);
        int kept = utf8Prefix(body, bodyLimit);
        line.put("body", new String(body, 0, kept, StandardCharsets.UTF_8));
        if (kept < body.length) {
            line.put("truncated", true);
            line.put("body_bytes", body.length);
        }
        if (replay) {
            line.put("replay", true);
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

    /** How many of the first {@code limit} bytes of {@code body} to keep so as not to split a UTF-8 character. */
    private static int utf8Prefix(byte[] body, int limit) {
        if (body.length <= limit) {
            return body.length;
        }
        int end = limit;
        while (end > 0 && (body[end] & 0xC0) == 0x80) {
            end--; // body[end] continues a character that starts before it
        }
        return end;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
