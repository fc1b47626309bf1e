package org.fedcot.tensor.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.Shapes;
import org.fedcot.tensor.Tensor;

/**
 * A memory-mapped safetensors file. Opening parses and validates the header; tensors are decoded
 * into float32 one at a time, on demand, so a checkpoint never sits in the heap twice. The mapping
 * comes from a shared {@link Arena}, so files beyond 2 GB work and reads may come from any thread;
 * {@link #close()} unmaps it.
 *
 * <pre>{@code
 * try (SafetensorsFile f = SafetensorsFile.open(path)) {
 *     Tensor w = f.read("model.embed_tokens.weight", vocab, dim);
 * }
 * }</pre>
 */
public final class SafetensorsFile implements AutoCloseable {
    /** The reference implementation's cap; a larger length means a corrupt file, not a real header. */
    private static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final Arena arena;
    private final MemorySegment file;
    private final long dataStart;
    private final SafetensorsHeader header;
    private final Map<String, SafetensorsEntry> byName;

    private SafetensorsFile(Path path, Arena arena, MemorySegment file, long dataStart, SafetensorsHeader header) {
        this.path = path;
        this.arena = arena;
        this.file = file;
        this.dataStart = dataStart;
        this.header = header;
        Map<String, SafetensorsEntry> index = new LinkedHashMap<>();
        for (SafetensorsEntry e : header.entries()) {
            index.put(e.name(), e);
        }
        this.byName = Collections.unmodifiableMap(index);
    }

    /**
     * Maps {@code path} and validates its header.
     *
     * @throws SafetensorsException if the file is too short, its header malformed, or an entry
     *                              inconsistent with its dtype, shape or the file's size
     */
    public static SafetensorsFile open(Path path) throws IOException {
        String source = path.toString();
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new SafetensorsException(
                        source + ": file has " + size + " bytes, shorter than the 8-byte header length");
            }
            MemorySegment file = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long headerLength = file.get(U64, 0);
            if (headerLength < 0 || headerLength > size - 8) {
                throw new SafetensorsException(source + ": header length " + Long.toUnsignedString(headerLength)
                        + " is larger than the " + (size - 8) + " bytes after it (file size " + size + ")");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new SafetensorsException(source + ": header length " + headerLength + " exceeds the limit of "
                        + MAX_HEADER_BYTES + " bytes");
            }
            String json = utf8(source, file.asSlice(8, headerLength).toArray(ValueLayout.JAVA_BYTE));
            SafetensorsHeader header = SafetensorsHeader.parse(source, json, size, 8 + headerLength);
            return new SafetensorsFile(path, arena, file, 8 + headerLength, header);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static String utf8(String source, byte[] bytes) throws SafetensorsException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsException(source + ": header is not valid UTF-8 (" + e.getMessage() + ")");
        }
    }

    /** The file this was opened from. */
    public Path path() {
        return path;
    }

    /** Every tensor in the file, in the order of their data. */
    public List<SafetensorsEntry> entries() {
        return header.entries();
    }

    /** The tensor names, in the order of their data. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Whether the file holds a tensor called {@code name}. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The header's {@code __metadata__} map, unmodifiable; empty when the file has none. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /**
     * The entry for {@code name}.
     *
     * @throws SafetensorsException if the file holds no such tensor
     */
    public SafetensorsEntry entry(String name) throws SafetensorsException {
        SafetensorsEntry e = byName.get(name);
        if (e == null) {
            throw new SafetensorsException(
                    path + ": no tensor named " + name + " (the file has " + byName.size() + " tensors"
                            + (byName.isEmpty()
                                    ? ""
                                    : ", e.g. " + byName.keySet().iterator().next()) + ")");
        }
        return e;
    }

    /**
     * Decodes tensor {@code name} into a new float32 tensor named {@code name}.
     *
     * @throws SafetensorsException if there is no such tensor or its dtype is not F32, F16 or BF16
     */
    public Tensor read(String name) throws IOException {
        SafetensorsEntry e = readable(name);
        Tensor t = Tensor.zeros(e.shape()).named(name);
        decode(e, t.hostData(), 0);
        return t;
    }

    /**
     * Like {@link #read(String)}, but first checks that the file's shape is {@code expectedShape}.
     *
     * @throws SafetensorsException "{file}: {name}: expected shape [..] but file has [..]" on a mismatch
     */
    public Tensor read(String name, int... expectedShape) throws IOException {
        requireShape(readable(name), expectedShape);
        return read(name);
    }

    /**
     * Decodes tensor {@code name} into {@code dest}, whose shape must equal the file's, e.g. a
     * parameter that views a flat buffer.
     */
    public void readInto(String name, Tensor dest) throws IOException {
        SafetensorsEntry e = readable(name);
        requireShape(e, dest.shape());
        decode(e, dest.hostData(), dest.offset());
    }

    /**
     * Decodes tensor {@code name}'s elements, row-major, into {@code dest} starting at
     * {@code destOffset}.
     *
     * @throws IllegalArgumentException if {@code dest} has no room for them there
     */
    public void readInto(String name, float[] dest, int destOffset) throws IOException {
        SafetensorsEntry e = readable(name);
        long n = e.elementCount();
        if (destOffset < 0 || destOffset + n > dest.length) {
            throw new IllegalArgumentException(path + ": tensor " + name + " has " + n + " elements, which do not fit"
                    + " a buffer of " + dest.length + " floats at offset " + destOffset);
        }
        decode(e, dest, destOffset);
    }

    /**
     * Copies tensor {@code name}'s 16-bit values as they are into {@code dest}, whose shape and format
     * (BF16 or F16) the file's tensor must have: no widening, two bytes per value.
     */
    public void readInto(String name, HalfWeight dest) throws IOException {
        SafetensorsEntry e = entry(name);
        Dtype want = Dtype.of(dest.format());
        if (e.dtype() != want) {
            throw new SafetensorsException(
                    path + ": tensor " + name + " has dtype " + e.dtype() + ", not the " + want + " it is kept in");
        }
        requireShape(e, dest.shape());
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException(path + ": read of " + name + " after close()");
        }
        MemorySegment.copy(file, HALF, dataStart + e.begin(), dest.bits(), 0, dest.bits().length);
    }

    private SafetensorsEntry readable(String name) throws SafetensorsException {
        SafetensorsEntry e = entry(name);
        if (!e.dtype().readableAsFloat()) {
            throw new SafetensorsException(path + ": tensor " + name + " has unsupported dtype " + e.dtype()
                    + " (only F32, F16 and BF16 can be read as float32)");
        }
        if (e.elementCount() > Integer.MAX_VALUE) {
            throw new SafetensorsException(
                    path + ": tensor " + name + " has " + e.elementCount() + " elements, more than a float[] holds");
        }
        return e;
    }

    private void requireShape(SafetensorsEntry e, int[] expected) throws SafetensorsException {
        if (!Arrays.equals(e.shape(), expected)) {
            throw new SafetensorsException(path + ": " + e.name() + ": expected shape " + Shapes.str(expected)
                    + " but file has " + Shapes.str(e.shape()));
        }
    }

    private void decode(SafetensorsEntry e, float[] dest, int destOffset) {
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException(path + ": read of " + e.name() + " after close()");
        }
        FloatDecoder.decode(e.dtype(), file, dataStart + e.begin(), dest, destOffset, (int) e.elementCount());
    }

    /** Unmaps the file; tensors already read stay valid (they are copies). */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
