package org.fedcot.tensor.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors files byte by byte, independently of {@link SafetensorsWriter}. */
final class TestFiles {
    private TestFiles() {}

    /** Writes {@code dir/fileName}: the header length, {@code headerJson} as UTF-8, then {@code data}. */
    static Path write(Path dir, String fileName, String headerJson, byte[] data) throws IOException {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).put(header).put(data);
        return Files.write(dir.resolve(fileName), buf.array());
    }

    /** Little-endian 16-bit words, e.g. F16 or BF16 bit patterns. */
    static byte[] le16(int... words) {
        ByteBuffer buf = ByteBuffer.allocate(2 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            buf.putShort((short) w);
        }
        return buf.array();
    }

    /** Little-endian float32 values. */
    static byte[] le32(float... values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return buf.array();
    }

    /** The concatenation of {@code parts}. */
    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            buf.put(p);
        }
        return buf.array();
    }
}
