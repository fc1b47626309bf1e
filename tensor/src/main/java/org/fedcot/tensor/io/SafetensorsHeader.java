package org.fedcot.tensor.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed and validated safetensors header: its tensor entries, ordered by where their data lies,
 * and its {@code __metadata__} map.
 *
 * @param entries  the tensors, by ascending {@code begin}
 * @param metadata the string-to-string metadata, in header order (empty when absent)
 */
record SafetensorsHeader(List<SafetensorsEntry> entries, Map<String, String> metadata) {
    static final String METADATA_KEY = "__metadata__";

    /**
     * Parses {@code json} and checks every entry against its dtype and shape and against the file's
     * size.
     *
     * @param source    names the file in error messages
     * @param fileSize  the whole file's size in bytes
     * @param dataStart the file offset of the first data byte ({@code 8 + header length})
     */
    static SafetensorsHeader parse(String source, String json, long fileSize, long dataStart)
            throws SafetensorsException {
        if (!(JsonReader.parse(source, json) instanceof Map<?, ?> root)) {
            throw new SafetensorsException(source + ": header JSON is not an object");
        }
        List<SafetensorsEntry> entries = new ArrayList<>();
        Map<String, String> metadata = Map.of();
        for (Map.Entry<?, ?> e : root.entrySet()) {
            String key = (String) e.getKey();
            if (key.equals(METADATA_KEY)) {
                metadata = metadata(source, e.getValue());
            } else {
                entries.add(entry(source, key, e.getValue()));
            }
        }
        entries.sort(Comparator.comparingLong(SafetensorsEntry::begin));
        checkDisjoint(source, entries);
        checkFits(source, entries, fileSize, dataStart);
        return new SafetensorsHeader(Collections.unmodifiableList(entries), metadata);
    }

    private static Map<String, String> metadata(String source, Object value) throws SafetensorsException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new SafetensorsException(source + ": " + METADATA_KEY + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new SafetensorsException(
                        source + ": " + METADATA_KEY + " value for \"" + e.getKey() + "\" must be a string");
            }
            out.put((String) e.getKey(), s);
        }
        return Collections.unmodifiableMap(out);
    }

    private static SafetensorsEntry entry(String source, String name, Object value) throws SafetensorsException {
        String where = source + ": tensor " + name;
        if (!(value instanceof Map<?, ?> info)) {
            throw new SafetensorsException(where + ": expected an object with dtype, shape and data_offsets");
        }
        Dtype dtype = dtype(where, required(where, info, "dtype"));
        int[] shape = shape(where, required(where, info, "shape"));
        long[] offsets = offsets(where, required(where, info, "data_offsets"));
        long expected = byteSize(where, dtype, shape);
        long actual = offsets[1] - offsets[0];
        if (expected != actual) {
            throw new SafetensorsException(where + ": dtype " + dtype + " x shape " + Arrays.toString(shape)
                    + " needs " + expected + " bytes but data_offsets " + Arrays.toString(offsets) + " span "
                    + actual + " bytes");
        }
        return new SafetensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static Object required(String where, Map<?, ?> info, String field) throws SafetensorsException {
        Object v = info.get(field);
        if (v == null) {
            throw new SafetensorsException(where + ": missing \"" + field + "\"");
        }
        return v;
    }

    private static Dtype dtype(String where, Object v) throws SafetensorsException {
        if (!(v instanceof String code)) {
            throw new SafetensorsException(where + ": \"dtype\" must be a string");
        }
        return Dtype.fromCode(code)
                .orElseThrow(() -> new SafetensorsException(
                        where + ": unknown dtype \"" + code + "\" (known: " + Arrays.toString(Dtype.values()) + ")"));
    }

    private static int[] shape(String where, Object v) throws SafetensorsException {
        if (!(v instanceof List<?> dims)) {
            throw new SafetensorsException(where + ": \"shape\" must be an array of integers");
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new SafetensorsException(where + ": \"shape\" dimension " + i + " is " + dims.get(i)
                        + ", expected an integer in [0, " + Integer.MAX_VALUE + "]");
            }
            shape[i] = d.intValue();
        }
        return shape;
    }

    private static long[] offsets(String where, Object v) throws SafetensorsException {
        if (!(v instanceof List<?> list)
                || list.size() != 2
                || !(list.get(0) instanceof Long begin)
                || !(list.get(1) instanceof Long end)) {
            throw new SafetensorsException(where + ": \"data_offsets\" must be [begin, end], found " + v);
        }
        if (begin < 0 || end < begin) {
            throw new SafetensorsException(where + ": \"data_offsets\" " + v + " must satisfy 0 <= begin <= end");
        }
        return new long[] {begin, end};
    }

    private static long byteSize(String where, Dtype dtype, int[] shape) throws SafetensorsException {
        try {
            long n = dtype.byteSize();
            for (int d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        } catch (ArithmeticException e) {
            throw new SafetensorsException(where + ": shape " + Arrays.toString(shape) + " overflows 64-bit sizes");
        }
    }

    /**
     * Two tensors whose bytes overlap would alias: writing one (as training does) would change the other, and
     * a file that says so is corrupt or hand-made. Safetensors forbids it; so does this reader.
     */
    private static void checkDisjoint(String source, List<SafetensorsEntry> byBegin) throws SafetensorsException {
        SafetensorsEntry reach = null; // the entry so far whose bytes end last
        for (SafetensorsEntry e : byBegin) {
            if (e.begin() == e.end()) {
                continue; // an empty tensor has no bytes to share
            }
            if (reach != null && e.begin() < reach.end()) {
                throw new SafetensorsException(source + ": tensors " + reach.name() + " " + range(reach) + " and "
                        + e.name() + " " + range(e) + " overlap in the data (data_offsets must not overlap)");
            }
            if (reach == null || e.end() > reach.end()) {
                reach = e;
            }
        }
    }

    private static String range(SafetensorsEntry e) {
        return "[" + e.begin() + ", " + e.end() + ")";
    }

    /** A file cut short (an interrupted copy or download) shows up here as data past its end. */
    private static void checkFits(String source, List<SafetensorsEntry> entries, long fileSize, long dataStart)
            throws SafetensorsException {
        SafetensorsEntry last = null;
        for (SafetensorsEntry e : entries) {
            if (last == null || e.end() > last.end()) {
                last = e;
            }
        }
        if (last != null && last.end() > fileSize - dataStart) {
            long expected = dataStart + last.end();
            throw new SafetensorsException(source + ": truncated file: expected at least " + expected
                    + " bytes (tensor " + last.name() + " ends there) but the file has " + fileSize + " bytes");
        }
    }
}
