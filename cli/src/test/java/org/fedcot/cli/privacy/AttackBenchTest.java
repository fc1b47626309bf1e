package org.fedcot.cli.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedcot bench attack}: a row per eps, and a last line a script reads. */
class AttackBenchTest {
    @Test
    void aRowPerEpsAndTheLastLineIsReleasedTokensPerSecond(@TempDir Path tmp) throws IOException {
        Path glove = BenchVectors.write(tmp);
        CliRun r = CliRun.command(
                "bench",
                "attack",
                "--embeddings",
                glove.toString(),
                "--mechanism",
                "santext",
                "--epsilons",
                "0.001,1000000",
                "--samples",
                "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertTrue(lines.getLast().matches("attack santext: \\d+ released tokens/s"), lines.getLast());
        List<String> rows =
                lines.stream().filter(l -> l.startsWith("| santext |")).toList();
        assertEquals(2, rows.size(), r.out());
        // the columns: NN top-1 is the 7th cell; at eps 1e6 every word in the vocabulary comes back as itself
        double nearFlat = percent(rows.get(0), 6);
        double nearSharp = percent(rows.get(1), 6);
        assertTrue(nearSharp > 90 && nearSharp > nearFlat + 50, r.out());
        assertTrue(percent(rows.get(1), 8) >= nearSharp, "Bayes top-1 at least NN at eps 1e6: " + rows.get(1));
    }

    /** The {@code cell}-th cell (0 = mechanism) of a table row, a percentage. */
    private static double percent(String row, int cell) {
        String[] cells = row.substring(1).split("\\|");
        return Double.parseDouble(cells[cell].strip().replace("%", ""));
    }
}
