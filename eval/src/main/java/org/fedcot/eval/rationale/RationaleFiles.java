package org.fedcot.eval.rationale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a teacher's rationales for one split come in: {@code <split>_CoT_<i>.json}, i = 0, 1, ...,
 * each holding the next batch of the split's questions.
 */
public final class RationaleFiles {

    private RationaleFiles() {}

    /** The rationale files of {@code split} ("train", "valid", "test") in {@code dir}, in batch order. */
    public static List<Path> of(Path dir, String split) throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(split) + "_CoT_(\\d+)\\.json");
        // Batch numbers sort as numbers: train_CoT_10 comes after train_CoT_9.
        TreeMap<Integer, Path> batches = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = name.matcher(f.getFileName().toString());
                if (m.matches()) {
                    batches.put(Integer.parseInt(m.group(1)), f);
                }
            }
        }
        if (batches.isEmpty()) {
            throw new IOException("no " + split + "_CoT_<i>.json files in " + dir);
        }
        for (int i = 0; i <= batches.lastKey(); i++) {
            if (!batches.containsKey(i)) {
                throw new IOException(dir.resolve(split + "_CoT_" + i + ".json")
                        + " is missing: batches must run from 0 without gaps");
            }
        }
        return new ArrayList<>(batches.values());
    }
}
