package org.fedcot.models.tokenizer.llama2c;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes small llama2.c tokenizer.bin files for tests. */
public final class TokenizerBinBytes {
    private TokenizerBinBytes() {}

    /** A well-formed tokenizer.bin: the header, then per piece its score (minus its id), length and UTF-8 bytes. */
    public static byte[] of(int maxTokenLength, String... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(littleEndian(maxTokenLength));
        for (int id = 0; id < pieces.length; id++) {
            byte[] bytes = pieces[id].getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(Float.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat(-id)
                    .array());
            out.writeBytes(littleEndian(bytes.length));
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** {@code value} as 4 little-endian bytes. */
    public static byte[] littleEndian(int value) {
        return ByteBuffer.allocate(Integer.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array();
    }
}
