package org.fedcot.cli.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.fedcot.cli.CliRun;
import org.junit.jupiter.api.Test;

/** A model's answer is shown, not obeyed: control characters in it reach the terminal escaped. */
class AskEscapesTest {
    /** An answer that would clear the screen and rewrite the line if printed raw. */
    private static final String ANSWER =
            "{\"id\": \"c1\", \"object\": \"text_completion\", \"model\": \"m\", \"choices\": "
                    + "[{\"index\": 0, \"text\": \"yes\\u001b[2J\\rno\\nsecond line\", \"finish_reason\": \"stop\"}], "
                    + "\"usage\": {\"prompt_tokens\": 1, \"completion_tokens\": 2, \"total_tokens\": 3}}";

    @Test
    void anAnswersControlCharactersAreEscaped() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/completions", exchange -> {
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            CliRun r = CliRun.command(
                    "ask",
                    "--llm-url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                    "--llm-model",
                    "m",
                    "hello");
            assertEquals(0, r.code(), r.err());
            assertEquals("yes\\u001b[2J\\u000dno\nsecond line\n", r.out());
            assertFalse(r.out().contains("\u001b"), r.out());
        } finally {
            server.stop(0);
        }
    }
}
