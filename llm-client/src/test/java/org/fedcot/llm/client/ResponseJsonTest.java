package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading completion, chat and error bodies. */
class ResponseJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void chatChoicesInIndexOrderWithUsage() throws Exception {
        LlmResponse r = ResponseJson.parse(MAPPER.readTree("""
                {"model": "gpt", "choices": [
                  {"index": 1, "message": {"role": "assistant", "content": "second"}, "finish_reason": "length"},
                  {"index": 0, "message": {"role": "assistant", "content": null}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12}}"""), false);
        assertEquals(List.of(new Choice(0, "", "stop"), new Choice(1, "second", "length")), r.choices());
        assertEquals(new Usage(5, 7, 12), r.usage());
        assertEquals("gpt", r.model());
    }

    @Test
    void completionWithoutUsageOrTotal() throws Exception {
        assertEquals(
                Usage.ZERO,
                ResponseJson.parse(MAPPER.readTree("{\"choices\": [{\"text\": \"t\"}]}"), false)
                        .usage());
        String noTotal =
                "{\"choices\": [{\"text\": \"t\"}], \"usage\": {\"prompt_tokens\": 2, \"completion_tokens\": 3}}";
        assertEquals(
                new Usage(2, 3, 5),
                ResponseJson.parse(MAPPER.readTree(noTotal), false).usage());
    }

    @Test
    void bodiesWithoutChoicesAreMalformed() throws Exception {
        assertThrows(
                IllegalArgumentException.class, () -> ResponseJson.parse(MAPPER.readTree("{\"choices\": []}"), false));
        assertThrows(IllegalArgumentException.class, () -> ResponseJson.parse(MAPPER.readTree("[1]"), false));
        assertThrows(
                IllegalArgumentException.class,
                () -> ResponseJson.parse(MAPPER.readTree("{\"choices\": [{\"text\": 3}]}"), false));
    }

    @Test
    void errorMessagesInTheShapesServersSend() throws Exception {
        assertEquals(
                "bad model",
                ResponseJson.errorMessage(MAPPER.readTree("{\"error\": {\"message\": \"bad model\"}}"), ""));
        assertEquals("plain", ResponseJson.errorMessage(MAPPER.readTree("{\"error\": \"plain\"}"), ""));
        assertEquals("detail", ResponseJson.errorMessage(MAPPER.readTree("{\"message\": \"detail\"}"), ""));
        assertEquals("<html> gateway </html>", ResponseJson.errorMessage(null, "<html>\n gateway\n</html>"));
        assertEquals(303, ResponseJson.errorMessage(null, "x".repeat(1000)).length());
    }
}
