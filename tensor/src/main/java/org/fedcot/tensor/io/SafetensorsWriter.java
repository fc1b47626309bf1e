package org.fedcot.tensor.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.Tensor;

/**
 * Writes float32 tensors as a safetensors file (dtype F32, or rounded to BF16 or F16), atomically: the file is written to a
 * temporary sibling, synced, then renamed over {@code path}, so a crash leaves either the old file
 * or the complete new one, never a torn checkpoint.
 */
public final class SafetensorsWriter {
    /** Floats per chunk when streaming data to the channel. */
    private static final int CHUNK_FLOATS = 1 << 16;

    private SafetensorsWriter() {}

    /** Writes {@code tensors} with no metadata; see {@link #write(Path, Map, Map)}. */
    public static void write(Path path, Map<String, Tensor> tensors) throws IOException {
        write(path, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} (in the map's iteration order, so pass a {@code LinkedHashMap} for a
     * stable layout) and {@code metadata} to {@code path}, replacing any file there.
     *
     * @throws IllegalArgumentException if a tensor is named {@code __metadata__}
     */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(path, tensors, metadata, Dtype.F32);
    }

    /**
     * As {@link #write(Path, Map, Map)}, every tensor stored as {@code dtype}: F32 as it is, BF16 or F16
     * rounded to the nearest value, ties to even (as PyTorch rounds).
     *
     * @throws IllegalArgumentException if dtype is not F32, BF16 or F16
     */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata, Dtype dtype)
            throws IOException {
        if (dtype != Dtype.F32 && dtype.halfFormat().isEmpty()) {
            throw new IllegalArgumentException("safetensors: cannot write float tensors as " + dtype);
        }
        byte[] header = header(tensors, metadata, dtype);
        OutputFile.check(path);
        Path dir = path.toAbsolutePath().getParent();
        // Not Files.createTempFile: its owner-only permissions would carry over to the checkpoint.
        Path tmp = dir.resolve("." + path.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            try (ch) {
                writeFully(
                        ch,
                        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
                writeFully(ch, ByteBuffer.wrap(header));
                if (dtype == Dtype.F32) {
                    writeData(ch, tensors);
                } else {
                    writeHalfData(ch, tensors, dtype.halfFormat().orElseThrow());
                }
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(dir);
    }

    /** The JSON header, padded with spaces so the data starts 8-byte aligned. */
    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata, Dtype dtype) {
        StringJoiner fields = new StringJoiner(",", "{", "}");
        if (!metadata.isEmpty()) {
            StringJoiner pairs = new StringJoiner(",", JsonWriter.quote(SafetensorsHeader.METADATA_KEY) + ":{", "}");
            metadata.forEach((k, v) -> pairs.add(JsonWriter.quote(k) + ":" + JsonWriter.quote(v)));
            fields.add(pairs.toString());
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named " + SafetensorsHeader.METADATA_KEY);
            }
            long end = offset + (long) dtype.byteSize() * e.getValue().size();
            fields.add(entry(e.getKey(), dtype, e.getValue().shape(), offset, end));
            offset = end;
        }
        byte[] json = fields.toString().getBytes(StandardCharsets.UTF_8);
        // The 8-byte length prefix is itself aligned, so padding the header to a multiple of 8 aligns the data.
        byte[] out = Arrays.copyOf(json, (json.length + 7) & ~7);
        Arrays.fill(out, json.length, out.length, (byte) ' ');
        return out;
    }

    private static String entry(String name, Dtype dtype, int[] shape, long begin, long end) {
        StringJoiner dims = new StringJoiner(",", "[", "]");
        for (int d : shape) {
            dims.add(Integer.toString(d));
        }
        return JsonWriter.quote(name) + ":{\"dtype\":\"" + dtype + "\",\"shape\":" + dims + ",\"data_offsets\":["
                + begin + "," + end + "]}";
    }

    private static void writeData(FileChannel ch, Map<String, Tensor> tensors) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocateDirect(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        for (Tensor t : tensors.values()) {
            for (int done = 0; done < t.size(); ) {
                int n = Math.min(CHUNK_FLOATS, t.size() - done);
                floats.clear();
                floats.put(t.hostData(), t.offset() + done, n);
                bytes.clear().limit(4 * n);
                writeFully(ch, bytes);
                done += n;
            }
        }
    }

    /** The tensors' values rounded to {@code format}, two bytes each, little-endian. */
    private static void writeHalfData(FileChannel ch, Map<String, Tensor> tensors, HalfWeight.Format format)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.allocateDirect(2 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            float[] d = t.hostData();
            for (int done = 0; done < t.size(); ) {
                int n = Math.min(CHUNK_FLOATS, t.size() - done);
                bytes.clear();
                for (int i = 0; i < n; i++) {
                    bytes.putShort(format.narrow(d[t.offset() + done + i]));
                }
                bytes.flip();
                writeFully(ch, bytes);
                done += n;
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Makes the rename itself durable; best effort, as not every platform can open a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // The data is already synced and renamed; only the rename's durability is left to the OS.
        }
    }
}
