package org.fedcot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fedcot.models.tokenizer.hf.HfTokenizer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Byte-level BPE encoding speed: every question and answer choice of CommonsenseQA's training set
 * (../shared/data/cqa/cqa_train.json, 9741 records, 58k texts, 1.1 M characters), once per
 * operation, with the GPT-2, GPT-NeoX and Qwen3 tokenizers from ../shared/models/tokenizers.
 *
 * <p>Run from the repository root, where ../shared lies:
 * {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar TokenizerBenchmark}.
 * The {@code encodeCqaTrain:tokens} line is the figure: tokens per second, steady state (the
 * tokenizer's word cache is warm after the first pass, as it is in any long run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TokenizerBenchmark {
    private static final Path SHARED = Path.of("../shared");

    @Param({"gpt2", "neox", "qwen3"})
    public String tokenizer;

    private HfTokenizer hf;
    private List<String> texts;

    /** Tokens produced, which JMH reports per second next to the operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Tokens {
        public long tokens;

        @Setup(Level.Iteration)
        public void reset() {
            tokens = 0;
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path tokenizers = SHARED.resolve("models/tokenizers");
        hf = switch (tokenizer) {
            case "gpt2" ->
                HfTokenizer.fromGpt2Files(
                        tokenizers.resolve("gpt2-tokenizer/encoder.json"),
                        tokenizers.resolve("gpt2-tokenizer/vocab.bpe"));
            case "neox" -> HfTokenizer.load(tokenizers.resolve("gpt-neox-20b-tokenizer/20B_tokenizer.json"));
            case "qwen3" -> HfTokenizer.load(tokenizers.resolve("qwen3-tokenizer/tokenizer.json"));
            default -> throw new IllegalArgumentException("unknown tokenizer " + tokenizer);
        };
        texts = cqaQuestionsAndChoices(SHARED.resolve("data/cqa/cqa_train.json"));
    }

    @Benchmark
    public void encodeCqaTrain(Tokens counter, Blackhole sink) {
        long count = 0;
        for (String text : texts) {
            int[] ids = hf.encode(text, false);
            count += ids.length;
            sink.consume(ids);
        }
        counter.tokens += count;
    }

    private static List<String> cqaQuestionsAndChoices(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file.toAbsolutePath() + " not found: run from the repository root, beside ../shared");
        }
        ObjectMapper mapper = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode record = mapper.readTree(line);
                texts.add(record.get("question").textValue());
                record.get("choices").forEach(choice -> texts.add(choice.textValue()));
            }
        }
        return texts;
    }
}
