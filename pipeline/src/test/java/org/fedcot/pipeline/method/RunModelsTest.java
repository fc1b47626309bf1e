package org.fedcot.pipeline.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.fedcot.models.checkpoint.ModelPath;
import org.fedcot.pipeline.Pipeline;
import org.fedcot.pipeline.TinyRun;
import org.fedcot.pipeline.config.ConfigException;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's models are opened and checked before anything is sent: a corrupt model or tokenizer, or lengths
 * beyond the model's positions, stop a run whose first method asks the LLM (FewShot-LLM) with one line,
 * and the server never hears of it.
 */
class RunModelsTest {
    private static final Path MODEL = TinyRun.slmModel();
    private static final Path TOKENIZER = MODEL.resolve("tokenizer.json");

    @TempDir
    Path dir;
    /** Stands in for the LLM: counts the requests that reach it and answers none. */
    private HttpServer server;

    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** The one-line error of a FewShot-LLM run of the tiny config with {@code from} replaced by {@code to}. */
    private String error(String from, String to) throws IOException {
        Path config = TinyRun.config(dir, "[fewshot-llm, fewshot-slm]", "");
        String yaml = Files.readString(config);
        assertTrue(yaml.contains(from), "the tiny config has no '" + from + "'");
        Files.writeString(config, yaml.replace(from, to));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> Pipeline.run(
                        ConfigReader.read(config, Map.of("llm.url", url, "llm.allowRawPrompts", "true")),
                        RunListener.NONE));
        assertEquals(0, requests.get(), "requests reached the LLM");
        assertFalse(Files.exists(dir.resolve("run")), "work started");
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage().substring(config.toString().length());
    }

    /** The first half of {@code file} in the test's folder: a download cut short. */
    private Path truncated(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut-" + file.getFileName());
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        return cut;
    }

    @Test
    void corruptModel() throws IOException {
        Path model = Files.createDirectories(dir.resolve("cut-model"));
        try (Stream<Path> files = Files.list(MODEL)) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        Files.move(
                truncated(MODEL.resolve("model.safetensors")),
                model.resolve("model.safetensors"),
                StandardCopyOption.REPLACE_EXISTING);
        String e = error(MODEL.toString(), model.toString());
        assertTrue(e.startsWith(" line 10: slm.model: " + model), e);
    }

    @Test
    void corruptTokenizer() throws IOException {
        Path tokenizer = truncated(TOKENIZER);
        String e = error(TOKENIZER.toString(), tokenizer.toString());
        assertTrue(e.startsWith(" line 11: slm.tokenizer: "), e);
        assertTrue(e.contains(tokenizer.toString()), e);
    }

    @Test
    void lengthsBeyondTheModelsPositions() throws IOException {
        int positions = ModelPath.load(MODEL).config().maxPositionEmbeddings();
        int length = positions / 2 + 1;
        assertEquals(
                " line 24: train.maxLength: a prompt and a target of up to " + length + " tokens each need "
                        + 2 * length + " positions, but slm.model has " + positions,
                error("maxLength: 96", "maxLength: " + length));
        assertEquals(
                " line 29: generation.answerTokens: " + length + " new tokens leave too little room for the prompt:"
                        + " slm.model has " + positions + " positions, of which at most " + positions / 2
                        + " may be generated",
                error("answerTokens: 6", "answerTokens: " + length));
    }
}
