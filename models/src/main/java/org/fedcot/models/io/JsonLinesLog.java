package org.fedcot.models.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A durable JSON lines file that only grows: one JSON object per line, each appended whole with one write
 * and synced before {@link #append} returns, so a killed process loses at most the line it was writing.
 * Opening reads every record and cuts off a torn final line (one without a line end that starts like a
 * record or is zeros) with a warning; any other line that does not parse or fails the caller's check is an
 * error that leaves the file untouched, since the file is then not what the caller thinks it is. One process writes a file at a time: opening takes an exclusive lock.
 * I/O goes through {@link RandomAccessFile}, which an interrupt cannot break off, so a thread interrupted
 * while appending still keeps the line.
 */
public final class JsonLinesLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JsonLinesLog.class.getName());

    /**
     * How a log names itself in messages: "{@code file} PATH line 3 is not a {@code record}: ..." and
     * "{@code file} PATH is open in another {@code owner}".
     *
     * @param file   what the file is ("response cache")
     * @param record what one line is ("cache entry")
     * @param owner  who holds a file open ("client", "run")
     */
    public record Naming(String file, String record, String owner) {}

    private final Path file;
    private final Naming naming;
    private final RandomAccessFile raf;
    private final FileLock lock;
    private final ObjectMapper mapper;
    private final List<JsonNode> records;
    /** Guards {@link #end} and the appends. */
    private final Object appendLock = new Object();

    private long end;

    private JsonLinesLog(
            Path file,
            Naming naming,
            RandomAccessFile raf,
            FileLock lock,
            ObjectMapper mapper,
            List<JsonNode> records,
            long end) {
        this.file = file;
        this.naming = naming;
        this.raf = raf;
        this.lock = lock;
        this.mapper = mapper;
        this.records = records;
        this.end = end;
    }

    /**
     * Opens (or creates, with its directories) the log in {@code file} and reads its records.
     *
     * @param check throws (any runtime exception, whose message is reported) when a parsed line is not a
     *              record of this log
     * @throws IOException when the file cannot be read, another process holds it, or a line other than a torn
     *                     final one is not a record (the file is then left untouched)
     */
    public static JsonLinesLog open(Path file, Naming naming, Consumer<JsonNode> check) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
        try {
            FileLock lock = lockOrFail(file, naming, raf);
            ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            List<JsonNode> records = new ArrayList<>();
            long end = load(file, naming, raf, mapper, check, records);
            return new JsonLinesLog(file, naming, raf, lock, mapper, records, end);
        } catch (IOException | RuntimeException e) {
            raf.close();
            throw e;
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The records the file held when it was opened, in file order (later appends are not added). */
    public List<JsonNode> records() {
        return List.copyOf(records);
    }

    /**
     * Appends {@code record} as one line and syncs it to disk; safe from several threads, whose lines never
     * mix. A failed append is cut back off, so the file stays whole lines.
     *
     * @throws UncheckedIOException naming the file when the line cannot be written
     */
    public void append(JsonNode record) {
        byte[] bytes;
        try {
            bytes = (mapper.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a " + naming.record() + " as JSON: " + e.getMessage(), e);
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
                throw new UncheckedIOException(
                        "cannot append to " + naming.file() + " " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Releases the lock and the file. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            raf.close();
        }
    }

    /** Locks through {@code raf}'s own channel, so that the lock covers the handle that writes. */
    private static FileLock lockOrFail(Path file, Naming naming, RandomAccessFile raf) throws IOException {
        FileLock lock;
        try {
            lock = raf.getChannel().tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException(naming.file() + " " + file + " is open in another " + naming.owner());
        }
        return lock;
    }

    /** Reads every whole record into {@code records}; cuts a torn final line off; returns the new file size. */
    private static long load(
            Path file,
            Naming naming,
            RandomAccessFile raf,
            ObjectMapper mapper,
            Consumer<JsonNode> check,
            List<JsonNode> records)
            throws IOException {
        long size = raf.length();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException(naming.file() + " " + file + " is over 2 GB");
        }
        byte[] bytes = new byte[(int) size];
        raf.seek(0);
        raf.readFully(bytes);
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            lineNo++;
            int newline = indexOf(bytes, start);
            int stop = newline < 0 ? bytes.length : newline;
            // an append is one write ending in its newline: only a line without one can be a torn append
            boolean torn = newline < 0 && tornAppend(bytes, start);
            try {
                JsonNode record = mapper.readTree(bytes, start, stop - start);
                if (newline < 0) {
                    throw new IllegalArgumentException("no line end");
                }
                if (record == null || !record.isObject()) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                check.accept(record);
                records.add(record);
            } catch (IOException | RuntimeException bad) {
                if (!torn) {
                    throw new IOException(
                            naming.file() + " " + file + " line " + lineNo + " is not a " + naming.record()
                                    + " (so the file is not a " + naming.file() + "; it is left as it is): "
                                    + String.valueOf(bad.getMessage())
                                            .lines()
                                            .findFirst()
                                            .orElse(""));
                }
                LOG.log(
                        System.Logger.Level.WARNING,
                        naming.file() + " " + file + ": dropped a torn final line (" + (bytes.length - start)
                                + " bytes) left by an interrupted write");
                raf.setLength(start);
                raf.getFD().sync();
                return start;
            }
            start = stop + 1;
        }
        return bytes.length;
    }

    /**
     * Whether the unfinished last line from {@code start} looks like what an interrupted append leaves: the
     * start of a JSON object, or the zeros a power cut leaves where the data never reached the disk. Any other
     * text means the file is not a log, and cutting it off would destroy somebody's file.
     */
    private static boolean tornAppend(byte[] bytes, int start) {
        int end = bytes.length;
        while (end > start && bytes[end - 1] == 0) {
            end--;
        }
        return end == start || bytes[start] == '{';
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
