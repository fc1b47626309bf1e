package org.fedcot.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.fedcot.cli.CliRun;
import org.fedcot.cli.MadeMaterial;
import org.junit.jupiter.api.Test;

/** {@code fedcot bench generate} on the made model: the figure line's format, and bad flags. */
class GenerateBenchTest {
    private static final Pattern LAST_LINE = Pattern.compile(
            "generate (\\d+) params, batch (\\d+): \\d+\\.\\d tokens/s decode, \\d+\\.\\d tokens/s prefill");

    private static CliRun bench(String... args) {
        return CliRun.command(
                "bench", List.of("generate", "--model", MadeMaterial.model().toString()), args);
    }

    private static String lastLine(String out) {
        List<String> lines = out.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void theLastLineGivesDecodeAndPrefillRates() {
        CliRun random = bench("--batch", "3", "--tokens", "6", "--prompt-tokens", "5", "--warmup", "1", "--runs", "3");
        assertEquals(0, random.code(), random.err());
        var m = LAST_LINE.matcher(lastLine(random.out()));
        assertTrue(m.matches(), random.out());
        assertEquals("3", m.group(2));
        assertTrue(Long.parseLong(m.group(1)) > 10_000, "the made model's parameter count: " + m.group(1));
        assertEquals(3, random.err().lines().filter(l -> l.startsWith("run ")).count(), random.err());
        assertTrue(random.err().contains("run 3: prefill 15 tokens"), random.err());
        assertTrue(random.err().contains("decode 18 tokens"), random.err());

        CliRun text = bench("--tokenizer", MadeMaterial.tokenizer().toString(), "--batch", "2", "--tokens", "4");
        assertEquals(0, text.code(), text.err());
        assertTrue(LAST_LINE.matcher(lastLine(text.out())).matches(), text.out());
        assertTrue(text.err().contains("decode 8 tokens"), text.err());
    }

    @Test
    void badFlagsAreOneLineErrors() {
        CliRun zero = bench("--batch", "0");
        assertEquals(2, zero.code());
        assertTrue(
                zero.err()
                        .lines()
                        .findFirst()
                        .orElse("")
                        .contains("--batch, --tokens, --prompt-tokens and --runs must be"),
                zero.err());
        CliRun noWarmup = bench("--warmup", "-1");
        assertEquals(2, noWarmup.code());
        assertTrue(noWarmup.err().contains("--warmup must be at least 0"), noWarmup.err());
        CliRun tooLong = bench("--tokens", "600");
        assertEquals(2, tooLong.code());
        assertTrue(tooLong.err().contains("exceed the model's context of 512 positions"), tooLong.err());
        assertEquals("", tooLong.out());
        CliRun missing = CliRun.command("bench", "generate", "--model", "/no/such/model");
        assertEquals(1, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("/no/such/model"), missing.err());
    }
}
