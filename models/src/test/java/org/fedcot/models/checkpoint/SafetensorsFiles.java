package org.fedcot.models.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fedcot.tensor.Tensor;

/**
 * Writes safetensors files in half precision (F16 or BF16, round to nearest even), which the
 * project's writer does not produce, so loading half-precision checkpoints can be tested.
 */
final class SafetensorsFiles {
    private SafetensorsFiles() {}

    /** Writes {@code tensors} as {@code dtype} ("F16" or "BF16") to {@code path}. */
    static void writeHalf(Path path, Map<String, Tensor> tensors, String dtype) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode header = mapper.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", dtype);
            var shape = entry.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets")
                    .add(offset)
                    .add(offset + 2L * e.getValue().size());
            offset += 2L * e.getValue().size();
        }
        byte[] json = mapper.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + json.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json);
        for (Tensor t : tensors.values()) {
            for (int i = 0; i < t.size(); i++) {
                buf.putShort(dtype.equals("F16") ? Float.floatToFloat16(t.get(i)) : toBf16(t.get(i)));
            }
        }
        Files.write(path, buf.array());
    }

    /** The float32 value a half-precision file stores for {@code v}. */
    static float roundTrip(float v, String dtype) {
        return dtype.equals("F16")
                ? Float.float16ToFloat(Float.floatToFloat16(v))
                : Float.intBitsToFloat((toBf16(v) & 0xFFFF) << 16);
    }

    private static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }
}
