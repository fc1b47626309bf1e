package org.fedcot.models.tokenizer.llama2c;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A llama2.c vocabulary: each token's byte string and merge score, and a map from byte string to id.
 *
 * <p>Pieces are held as ISO-8859-1 strings: one char per byte, so two pieces concatenate exactly as
 * run.c's {@code sprintf("%s%s")} does, and hashing and equality are on the raw bytes whatever they
 * encode.
 */
final class Vocabulary {
    private final String[] pieces;
    private final float[] scores;
    private final Map<String, Integer> ids;

    Vocabulary(String[] pieces, float[] scores) {
        this.pieces = pieces;
        this.scores = scores;
        this.ids = HashMap.newHashMap(pieces.length);
        for (int id = 0; id < pieces.length; id++) {
            // run.c's bsearch would return any one of duplicated pieces; keeping the first is deterministic.
            ids.putIfAbsent(pieces[id], id);
        }
    }

    /** Wraps raw bytes as a piece key. */
    static String key(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    int size() {
        return pieces.length;
    }

    /** The piece's bytes as an ISO-8859-1 string. */
    String piece(int id) {
        return pieces[id];
    }

    float score(int id) {
        return scores[id];
    }

    /** Id of the token whose bytes equal {@code piece}, or -1, like run.c's str_lookup. */
    int id(String piece) {
        Integer id = ids.get(piece);
        return id == null ? -1 : id;
    }
}
