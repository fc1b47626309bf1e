package org.fedcot.tensor.io;

import java.util.Optional;

/** The element types a safetensors header may name, with their size in bytes. */
public enum Dtype {
    BOOL(1),
    U8(1),
    I8(1),
    F8_E5M2(1),
    F8_E4M3(1),
    I16(2),
    U16(2),
    F16(2),
    BF16(2),
    I32(4),
    U32(4),
    F32(4),
    I64(8),
    U64(8),
    F64(8);

    private final int byteSize;

    Dtype(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether {@link SafetensorsFile} can decode this dtype into float32 (F32, F16, BF16). */
    public boolean readableAsFloat() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The dtype whose header code is {@code code} (e.g. {@code "BF16"}), if there is one. */
    public static Optional<Dtype> fromCode(String code) {
        for (Dtype d : values()) {
            if (d.name().equals(code)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
