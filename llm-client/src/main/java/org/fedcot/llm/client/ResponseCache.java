package org.fedcot.llm.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every response received, in a JSON lines file: one line {@code {"key", "request", "response"}} per answer,
 * where {@code key} is the SHA-256 of the canonical request (see {@link CanonicalRequest}), {@code request}
 * that request's body and {@code response} the server's body as received. A line is written whole with
 * one append and synced before the answer is handed on, so a killed run loses at most the line it was
 * writing; opening the file drops such a torn final line. One client writes a file at a time: opening takes
 * an exclusive lock on it, and lines from concurrent requests are appended one after another, never mixed.
 * Reads and writes go through {@link RandomAccessFile}, whose I/O an interrupt cannot break off: a batch
 * interrupted while writing still keeps the answer it paid for, and the file stays open for the others.
 */
public final class ResponseCache implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ResponseCache.class.getName());

    private final Path file;
    private final RandomAccessFile raf;
    private final FileLock lock;
    private final ObjectMapper mapper;
    private final Map<String, LlmResponse> entries;
    /** Guards {@link #end} and the appends. */
    private final Object appendLock = new Object();
    private long end;

    private ResponseCache(Path file, RandomAccessFile raf, FileLock lock, ObjectMapper mapper,
                          Map<String, LlmResponse> entries, long end) {
        this.file = file;
        this.raf = raf;
        this.lock = lock;
        this.mapper = mapper;
        this.entries = entries;
        this.end = end;
    }

    /**
     * Opens (or creates) the cache in {@code file} and reads its answers. A final line that does not parse is
     * a write the previous run did not finish: it is cut off, with a warning.
     *
     * @throws IOException when the file cannot be read, another client holds it, or a line before the last is
     *                     not a cache entry (the file is not a response cache)
     */
    public static ResponseCache open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
        try {
            FileLock lock = lockOrFail(file, raf);
            ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            Map<String, LlmResponse> entries = new ConcurrentHashMap<>();
            long end = load(file, raf, mapper, entries);
            return new ResponseCache(file, raf, lock, mapper, entries, end);
        } catch (IOException | RuntimeException e) {
            raf.close();
            throw e;
        }
    }

    /** The file this cache keeps. */
    public Path file() {
        return file;
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
        byte[] bytes;
        try {
            bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache entry as JSON: " + e.getMessage(), e);
        }
        synchronized (appendLock) {
            try {
                raf.seek(end);
                raf.write(bytes);
                raf.getFD().sync();
                end += bytes.length;
            } catch (IOException e) {
                try {
                    raf.setLength(end);
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
                throw new UncheckedIOException("cannot append to response cache " + file + ": " + e.getMessage(), e);
            }
        }
        entries.put(request.key(), response.asCached());
    }

    /** Releases the file. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            raf.close();
        }
    }

    /** Locks through {@code raf}'s own channel, so that the lock covers the handle that writes. */
    private static FileLock lockOrFail(Path file, RandomAccessFile raf) throws IOException {
        FileLock lock;
        try {
            lock = raf.getChannel().tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) throw new IOException("response cache " + file + " is open in another client");
        return lock;
    }

    /** Reads every whole entry into {@code entries}; cuts a torn final line off; returns the new file size. */
    private static long load(Path file, RandomAccessFile raf, ObjectMapper mapper, Map<String, LlmResponse> entries)
            throws IOException {
        long size = raf.length();
        if (size > Integer.MAX_VALUE - 16) throw new IOException("response cache " + file + " is over 2 GB");
        byte[] bytes = new byte[(int) size];
        raf.seek(0);
        raf.readFully(bytes);
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            lineNo++;
            int newline = indexOf(bytes, (byte) '\n', start);
            int stop = newline < 0 ? bytes.length : newline;
            boolean last = newline < 0 || newline == bytes.length - 1;
            try {
                JsonNode entry = mapper.readTree(bytes, start, stop - start);
                if (newline < 0) throw new IllegalArgumentException("no line end");
                String key = entry.path("key").asText("");
                if (key.isEmpty()) throw new IllegalArgumentException("no key");
                entries.put(key, ResponseJson.parse(entry.path("response"), true));
            } catch (IOException | RuntimeException bad) {
                if (!last) {
                    throw new IOException("response cache " + file + " line " + lineNo + " is not a cache entry: "
                            + String.valueOf(bad.getMessage()).lines().findFirst().orElse(""));
                }
                LOG.log(System.Logger.Level.WARNING, "response cache " + file + ": dropped a torn final line ("
                        + (bytes.length - start) + " bytes) left by an interrupted write");
                raf.setLength(start);
                raf.getFD().sync();
                return start;
            }
            start = stop + 1;
        }
        return bytes.length;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) return i;
        }
        return -1;
    }
}
