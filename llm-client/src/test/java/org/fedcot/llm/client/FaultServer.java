package org.fedcot.llm.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible server on loopback whose every answer is scripted: echo completions, error statuses
 * with Retry-After, malformed bodies, slow answers, connections dropped before or during the response. It
 * speaks HTTP/1.1 over a raw socket (one request per connection) so that it can misbehave at any byte, and
 * logs every request it reads, in arrival order, and the most requests it had in flight at once. Answers that
 * must stay in flight wait on a latch ({@link Held}, {@link Hang}), never on the clock.
 */
final class FaultServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A request as the server read it; header names are lower case. */
    record Received(int index, String method, String path, Map<String, String> headers, JsonNode body) {
        /** The prompt, or the last chat message's content. */
        String input() {
            JsonNode messages = body.path("messages");
            if (body.has("prompt")) {
                return body.path("prompt").asText();
            }
            return messages.path(messages.size() - 1).path("content").asText();
        }
    }

    /** What to do with a request. */
    sealed interface Reply {}

    /** Answer with {@code status}, extra {@code headers} and {@code body}. */
    record Respond(int status, Map<String, String> headers, String body) implements Reply {}

    /** Close the connection without answering. */
    record Drop() implements Reply {}

    /** Send a 200's headers and half the body it announces, then close. */
    record DropMidBody() implements Reply {}

    /**
     * Wait {@code delay}, then reply {@code then}: to vary the order answers come in, or to give a wrong client
     * room to show itself; never what a right client's pass relies on (that is {@link Held}'s job).
     */
    record Slow(Duration delay, Reply then) implements Reply {}

    /** Wait until {@code gate} opens, then reply {@code then}: an answer in flight until the test says. */
    record Held(CountDownLatch gate, Reply then) implements Reply {}

    /** Never answer; closing the server ends the connection. */
    record Hang() implements Reply {}

    private final ServerSocket socket;
    private final Function<Received, Reply> script;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    /** Opens when the server closes, ending every {@link Hang}. */
    private final CountDownLatch closed = new CountDownLatch(1);

    private FaultServer(Function<Received, Reply> script) throws IOException {
        this.script = script;
        this.socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    /** A server answering each request with what {@code script} says. */
    static FaultServer start(Function<Received, Reply> script) throws IOException {
        return new FaultServer(script);
    }

    /** A server answering the first requests (by arrival) with {@code first}, in order, then echoing. */
    static FaultServer scripted(Reply... first) throws IOException {
        return start(r -> r.index() < first.length ? first[r.index()] : echo(r));
    }

    /** The API root clients are configured with. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
    }

    /** Every request read so far, in arrival order. */
    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Returns once at least {@code n} requests have been read: a point to act at, without polling. */
    synchronized void awaitReceived(int n) throws InterruptedException {
        while (received.size() < n) {
            wait();
        }
    }

    /** The most requests that were between being read and being answered at the same time. */
    int maxInFlight() {
        return maxInFlight.get();
    }

    /**
     * An echo answer: choice i's text is "echo: INPUT" (with " #i" after it for i > 0), usage counts the
     * input's words as prompt tokens and 3 completion tokens per choice.
     */
    static Reply echo(Received r) {
        int n = r.body().path("n").asInt(1);
        ObjectNode body = MAPPER.createObjectNode()
                .put("id", "cmpl-" + r.index())
                .put("model", r.body().path("model").asText());
        ArrayNode choices = body.putArray("choices");
        boolean chat = r.path().endsWith("/chat/completions");
        body.put("object", chat ? "chat.completion" : "text_completion");
        for (int i = 0; i < n; i++) {
            String text = "echo: " + r.input() + (i == 0 ? "" : " #" + i);
            ObjectNode c = choices.addObject().put("index", i).put("finish_reason", "stop");
            if (chat) {
                c.putObject("message").put("role", "assistant").put("content", text);
            } else {
                c.put("text", text);
            }
        }
        long prompt = r.input().isBlank() ? 0 : r.input().strip().split("\\s+").length;
        body.putObject("usage")
                .put("prompt_tokens", prompt)
                .put("completion_tokens", 3L * n)
                .put("total_tokens", prompt + 3L * n);
        return new Respond(200, Map.of(), body.toString());
    }

    /** An OpenAI-style error answer. */
    static Reply error(int status, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error")
                .put("message", message)
                .put("type", "test_error")
                .putNull("code");
        return new Respond(status, Map.of(), body.toString());
    }

    /** A 429 asking the client to wait {@code retryAfter} (the header's text). */
    static Reply tooManyRequests(String retryAfter) {
        Respond e = (Respond) error(429, "rate limit reached");
        return new Respond(429, Map.of("Retry-After", retryAfter), e.body());
    }

    /** A 200 whose body is not JSON. */
    static Reply malformed() {
        return new Respond(200, Map.of(), "{\"choices\": [{\"text\": \"cut");
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.execute(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            Received r = read(in);
            if (r == null) {
                return;
            }
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                reply(s.getOutputStream(), script.apply(r));
            } finally {
                inFlight.decrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away (a timeout) or the server is closing
        }
    }

    private Received read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new HashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(
                    h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        synchronized (this) {
            Received r = new Received(
                    received.size(),
                    parts[0],
                    parts[1],
                    Map.copyOf(headers),
                    MAPPER.readTree(body.isEmpty() ? "{}" : body));
            received.add(r);
            notifyAll();
            return r;
        }
    }

    private void reply(OutputStream out, Reply reply) throws IOException, InterruptedException {
        switch (reply) {
            case Slow slow -> {
                Thread.sleep(slow.delay());
                reply(out, slow.then());
            }
            case Held held -> {
                held.gate().await();
                reply(out, held.then());
            }
            case Hang hang -> closed.await();
            case Drop drop -> {
                // closing the socket is the whole reply
            }
            case DropMidBody drop -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
                                + "Connection: close\r\n\r\n{\"choices\": [")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            case Respond r -> {
                byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
                StringBuilder head = new StringBuilder("HTTP/1.1 " + r.status() + " Scripted\r\n")
                        .append("Content-Type: application/json\r\nContent-Length: ")
                        .append(body.length)
                        .append("\r\nConnection: close\r\n");
                r.headers()
                        .forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        }
    }

    /** One CRLF-terminated header line, or {@code null} at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }
}
