package org.fedcot.eval.data;

/** Turns one record of a data file, in one format, into a question. */
@FunctionalInterface
interface RecordParser {

    /** The question {@code record} holds, or an error naming the field at fault. */
    QaExample parse(JsonRecord record) throws MalformedDataException;
}
