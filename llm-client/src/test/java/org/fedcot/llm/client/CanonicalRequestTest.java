package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The body sent and hashed: OpenAI field names, sorted keys, only the parameters set. */
class CanonicalRequestTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void completionBodyNamesEveryParameterAndSortsKeys() throws Exception {
        Sampling s = Sampling.DEFAULT
                .withTemperature(0.7)
                .withMaxTokens(128)
                .withStop("\n\nQ:")
                .withSeed(42)
                .withN(2)
                .withTopP(0.9);
        CanonicalRequest r = CanonicalRequest.of("qwen2", new CompletionRequest("Q: hi\nA:", s), MAPPER);
        assertEquals("/completions", r.path());
        assertEquals(
                "{\"max_tokens\":128,\"model\":\"qwen2\",\"n\":2,\"prompt\":\"Q: hi\\nA:\",\"seed\":42,"
                        + "\"stop\":[\"\\n\\nQ:\"],\"temperature\":0.7,\"top_p\":0.9}",
                r.json());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(r.json().getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(digest), r.key());
    }

    @Test
    void chatBodyKeepsMessageOrderAndSendsNoUnsetParameter() {
        ChatRequest chat = new ChatRequest(List.of(ChatMessage.system("s"), ChatMessage.user("u")));
        CanonicalRequest r = CanonicalRequest.of("m", chat, MAPPER);
        assertEquals("/chat/completions", r.path());
        assertEquals(
                "{\"messages\":[{\"content\":\"s\",\"role\":\"system\"},{\"content\":\"u\",\"role\":\"user\"}],"
                        + "\"model\":\"m\"}",
                r.json());
    }

    @Test
    void keysDifferWithModelPromptAndSampling() {
        String base =
                CanonicalRequest.of("m", new CompletionRequest("p"), MAPPER).key();
        assertEquals(
                base,
                CanonicalRequest.of("m", new CompletionRequest("p"), MAPPER).key());
        assertNotEquals(
                base,
                CanonicalRequest.of("m2", new CompletionRequest("p"), MAPPER).key());
        assertNotEquals(
                base,
                CanonicalRequest.of("m", new CompletionRequest("p "), MAPPER).key());
        assertNotEquals(
                base,
                CanonicalRequest.of("m", new CompletionRequest("p", Sampling.DEFAULT.withSeed(1)), MAPPER)
                        .key());
        assertNotEquals(
                base,
                CanonicalRequest.of("m", new ChatRequest(List.of(ChatMessage.user("p"))), MAPPER)
                        .key());
    }

    @Test
    void samplingIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> Sampling.DEFAULT.withTemperature(-1));
        assertThrows(IllegalArgumentException.class, () -> Sampling.DEFAULT.withTopP(0));
        assertThrows(IllegalArgumentException.class, () -> Sampling.DEFAULT.withMaxTokens(0));
        assertThrows(IllegalArgumentException.class, () -> Sampling.DEFAULT.withN(0));
    }
}
