package org.fedcot.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.fedcot.testing.SharedFiles;

/** What the tests share: the GloVe table of ../shared (read once per test JVM) and a tiny table. */
final class Fixtures {
    static final String GLOVE = "embeddings/glove.6B.100d.wink-top50000.txt";

    private Fixtures() {}

    /** The 50,000-word GloVe vectors (49,216 alphabetic words), read on first use. */
    static EmbeddingTable glove() {
        SharedFiles.path(GLOVE);
        return Glove.TABLE;
    }

    /** A row of the GloVe table by word. */
    static int row(String word) {
        int row = glove().row(word);
        if (row < 0) {
            throw new IllegalArgumentException(word + " is not in the GloVe vocabulary");
        }
        return row;
    }

    /**
     * Eight 3-d vectors, some close, some opposite, one short: small enough to check every input,
     * output and pair exhaustively.
     */
    static EmbeddingTable small() {
        return EmbeddingTable.of(
                List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"),
                new float[] {
                    1f, 0f, 0f, 0.9f, 0.3f, 0f, 0.7f, 0.7f, 0.1f, 0f, 1f, 0f, -1f, 0.1f, 0.2f, 0.1f, -0.8f, 0.6f, 0.2f,
                    0.2f, 1f, 0.05f, 0.02f, -0.03f,
                },
                3);
    }

    /** Every row's embedding as the table holds it, in double: the input of the direct computations. */
    static double[][] vectors(EmbeddingTable table) {
        double[][] v = new double[table.size()][];
        for (int r = 0; r < v.length; r++) {
            v[r] = table.vector(r);
        }
        return v;
    }

    /** Holder idiom: the file is read when a test first asks for it, once. */
    private static final class Glove {
        static final EmbeddingTable TABLE = read();

        private static EmbeddingTable read() {
            try {
                return GloveFile.read(SharedFiles.path(GLOVE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
