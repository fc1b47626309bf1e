package org.fedcot.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fedcot.cli.CliRun;
import org.junit.jupiter.api.Test;

/** {@code fedcot serve}'s limits flags: a bad value is a usage error naming the flag, before any model is loaded. */
class ServeCommandTest {
    private static CliRun serve(String flag, String value) {
        return CliRun.command("serve", "--model", "no-such-model.bin", flag, value);
    }

    @Test
    void badLimitsAreUsageErrorsNamingTheFlag() {
        for (String[] bad : new String[][] {
            {"--request-timeout", "0"},
            {"--request-timeout", "-2.5"},
            {"--max-connections", "0"},
            {"--audit-body-limit", "-1"},
            {"--replay-memory", "-1"},
            {"--max-batch", "0"}
        }) {
            CliRun run = serve(bad[0], bad[1]);
            assertEquals(2, run.code(), run.err());
            String first = run.err().lines().findFirst().orElse("");
            assertTrue(first.startsWith("fedcot: " + bad[0] + " must be"), first);
        }
    }
}
