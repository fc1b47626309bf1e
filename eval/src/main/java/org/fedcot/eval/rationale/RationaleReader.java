package org.fedcot.eval.rationale;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.eval.data.JsonRecord;
import org.fedcot.eval.data.JsonRecords;
import org.fedcot.eval.data.MalformedDataException;
import org.fedcot.eval.data.QaExample;

/**
 * Reads a teacher's rationales for one split (JSON lists of strings, concatenated in batch order, the
 * i-th string answering the split's i-th question) and judges each against its question's gold answer.
 */
public final class RationaleReader {

    private RationaleReader() {}

    /** The judged rationales of {@code split} in {@code dir}, one per question of {@code examples}, in order. */
    public static List<Rationale> read(Path dir, String split, List<QaExample> examples, TeacherFormat format)
            throws IOException {
        return read(RationaleFiles.of(dir, split), examples, format);
    }

    /**
     * The judged rationales of {@code files}, read in the order given, one per question of {@code examples};
     * a count that differs from the questions' is an error, since the alignment would be wrong.
     */
    public static List<Rationale> read(List<Path> files, List<QaExample> examples, TeacherFormat format)
            throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no rationale files");
        }
        List<Rationale> out = new ArrayList<>(examples.size());
        JsonRecord last = null;
        for (Path file : files) {
            for (JsonRecord r : JsonRecords.read(file)) {
                if (out.size() == examples.size()) {
                    throw r.malformed(null, "more rationales than the " + examples.size() + " questions");
                }
                out.add(RationaleJudge.judge(examples.get(out.size()), format.firstRationale(r.asText())));
                last = r;
            }
        }
        if (out.size() < examples.size()) {
            String problem =
                    "the rationale files end after " + out.size() + " rationales for " + examples.size() + " questions";
            if (last != null) {
                throw last.malformed(null, problem);
            }
            Path file = files.getFirst();
            throw new MalformedDataException(file, 1, file + ":1", null, problem);
        }
        return out;
    }
}
