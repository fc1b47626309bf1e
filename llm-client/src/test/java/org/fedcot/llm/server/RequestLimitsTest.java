package org.fedcot.llm.server;

import static org.fedcot.llm.server.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client can make the server read and write: nothing of a body without the key, nothing of a body
 * whose Content-Length is over the limit, and at most the audit limit of any body in the audit log.
 */
class RequestLimitsTest {
    private static final String KEY = "sk-limits-51c0";
    private static final String BIG = "Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n";

    @Test
    void aBodyWithoutTheKeyIsNeitherReadNorLogged(@TempDir Path dir) throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        try (OpenAiServer server = OpenAiServer.start(
                TestModels.tinyLlama(),
                ServerOptions.loopback(0).withApiKey(KEY).withAuditLog(audit))) {
            String start = "{\"model\": \"tiny-llama\", \"prompt\": \"" + "a".repeat(1000);
            try (Socket none = RawHttp.send(server, "POST /v1/completions HTTP/1.1\r\nHost: x\r\n" + BIG + start);
                    Socket wrong = RawHttp.send(
                            server,
                            "POST /v1/completions HTTP/1.1\r\nHost: x\r\n" + "Authorization: Bearer sk-wrong\r\n" + BIG
                                    + start)) {
                // answered at once although 20 MB are announced and 1 kB sent: the body was never waited for
                assertEquals("HTTP/1.1 401 Unauthorized", RawHttp.statusLine(none));
                assertEquals("HTTP/1.1 401 Unauthorized", RawHttp.statusLine(wrong));
            }
        }
        assertEquals(0, Files.size(audit));
    }

    @Test
    void anOversizeBodyIsRefusedFromItsLengthBeforeItIsSent(@TempDir Path dir) throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        try (OpenAiServer server = OpenAiServer.start(
                        TestModels.tinyLlama(),
                        ServerOptions.loopback(0).withApiKey(KEY).withAuditLog(audit));
                Socket big = RawHttp.send(
                        server,
                        "POST /v1/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\n" + BIG)) {
            assertEquals("HTTP/1.1 413 Request Entity Too Large", RawHttp.statusLine(big));
        }
        assertEquals(0, Files.size(audit));
    }

    @Test
    void theAuditLogRecordsAtMostItsLimitOfABody(@TempDir Path dir) throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        int limit = 1000;
        // two-byte characters from the start, so the limit falls inside one unless the cut avoids it
        String longBody = json("model", "tiny-llama", "prompt", "é".repeat(3000), "max_tokens", 1);
        String shortBody = json("model", "tiny-llama", "prompt", "Once", "max_tokens", 1);
        try (OpenAiServer server = OpenAiServer.start(
                TestModels.tinyLlama(),
                ServerOptions.loopback(0).withAuditLog(audit).withAuditBodyLimit(limit))) {
            Api api = new Api(server, null);
            api.post("/completions", longBody);
            assertEquals(200, api.post("/completions", shortBody).status());
        }
        List<String> lines = Files.readAllLines(audit);
        assertEquals(2, lines.size());
        JsonNode cut = Api.JSON.readTree(lines.get(0));
        String kept = cut.get("body").asText();
        assertTrue(longBody.startsWith(kept), kept);
        int keptBytes = kept.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(keptBytes <= limit && keptBytes > limit - 2, "kept " + keptBytes + " bytes");
        assertTrue(cut.get("truncated").asBoolean());
        assertEquals(
                longBody.getBytes(StandardCharsets.UTF_8).length,
                cut.get("body_bytes").asInt());
        assertTrue(lines.get(0).length() < 2 * limit, "the line is about the limit long");

        JsonNode whole = Api.JSON.readTree(lines.get(1));
        assertEquals(shortBody, whole.get("body").asText());
        assertFalse(whole.has("truncated") || whole.has("body_bytes"), whole.toString());
    }
}
