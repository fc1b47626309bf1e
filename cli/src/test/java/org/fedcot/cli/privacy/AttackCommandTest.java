package org.fedcot.cli.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.fedcot.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedcot attack}: a directory that holds no run is one line naming it. */
class AttackCommandTest {
    @Test
    void aDirectoryWithoutARunIsOneLine(@TempDir Path tmp) {
        CliRun r = CliRun.command("attack", "--run", tmp.toString());
        assertNotEquals(0, r.code());
        assertEquals(tmp + ": not a run directory of fedcot run (it has no config.json)", r.message());
    }
}
