package org.fedcot.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fedcot.cli.CliRun;
import org.junit.jupiter.api.Test;

/** {@code fedcot bench eval}: the figure line's format (no timing is asserted). */
class EvalBenchTest {
    @Test
    void oneFigureLinePerModel() {
        CliRun r = CliRun.command(
                "bench", "eval", "--model", "stories260K", "--questions", "4", "--warmup", "0", "--repeat", "1");
        assertEquals(0, r.code(), r.err());
        String last = r.out().strip();
        assertTrue(last.matches("eval mc stories260K \\d+ params: \\d+\\.\\d questions/s, \\d+ loglik tokens/s"), last);
        assertTrue(r.err().contains("stories260K run 1:"), r.err());
    }

    @Test
    void anUnknownModelIsRefused() {
        CliRun r = CliRun.command("bench", "eval", "--model", "gpt-5");
        assertEquals(2, r.code());
        assertTrue(r.message().contains("--model must be stories260K, llama-100M or all, not 'gpt-5'"), r.message());
    }
}
