package org.fedcot.tensor.io;

import java.util.Optional;
import org.fedcot.tensor.HalfWeight;

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

    /** The 16-bit float format this dtype stores (F16, BF16), or empty for every other dtype. */
    public Optional<HalfWeight.Format> halfFormat() {
        return switch (this) {
            case F16 -> Optional.of(HalfWeight.Format.F16);
            case BF16 -> Optional.of(HalfWeight.Format.BF16);
            default -> Optional.empty();
        };
    }

    /** The dtype storing {@code format}'s values. */
    public static Dtype of(HalfWeight.Format format) {
        return switch (format) {
            case F16 -> F16;
            case BF16 -> BF16;
        };
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
