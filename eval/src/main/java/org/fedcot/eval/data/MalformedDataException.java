package org.fedcot.eval.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A record of a data or rationale file that cannot be read, reported in one line that points at it:
 * {@code cqa_train.json:17: field 'answer' "bridge" is not among the choices}.
 */
public final class MalformedDataException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Path is not serializable; the message keeps the file name for a deserialised copy. */
    private final transient Path file;

    private final int line;
    private final String field;

    /**
     * @param file    the file holding the record
     * @param line    1-based line the record starts on
     * @param where   how the message locates the record, e.g. "cqa_train.json:17" or "train_CoT_0.json:1: element 5"
     * @param field   the offending field (a dotted path for nested ones), or {@code null} when no field is at fault
     * @param problem what is wrong, e.g. "is missing"
     */
    public MalformedDataException(Path file, int line, String where, String field, String problem) {
        super(where + ": " + (field == null ? "" : "field '" + field + "' ") + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /** The file holding the record. */
    public Path file() {
        return file;
    }

    /** The 1-based line the record starts on. */
    public int line() {
        return line;
    }

    /** The offending field, or {@code null} when the record as a whole is at fault (bad JSON, wrong count). */
    public String field() {
        return field;
    }
}
