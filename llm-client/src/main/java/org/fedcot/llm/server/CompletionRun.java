package org.fedcot.llm.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.fedcot.models.generate.Generation;
import org.fedcot.models.generate.StopReason;

/**
 * One completion request's generations: n choices for each prompt, numbered prompt-major as OpenAI
 * numbers them, answered whole or streamed. Lengths are checked against the context when the run is
 * planned, before anything is sent.
 */
final class CompletionRun {
    /** OpenAI's default max_tokens for /v1/completions. */
    static final int COMPLETIONS_DEFAULT_MAX = 16;

    private final ServedModel model;
    private final List<int[]> prompts;
    private final int[] maxNew;
    private final SamplingSettings settings;
    private final ResponseShape shape;
    private final ObjectMapper mapper;
    private final String id;
    private final long created = Instant.now().getEpochSecond();

    private CompletionRun(
            ServedModel model,
            List<int[]> prompts,
            int[] maxNew,
            SamplingSettings settings,
            ResponseShape shape,
            ObjectMapper mapper) {
        this.model = model;
        this.prompts = prompts;
        this.maxNew = maxNew;
        this.settings = settings;
        this.shape = shape;
        this.mapper = mapper;
        this.id = shape.idPrefix()
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /**
     * Plans the run. Without max_tokens a choice may take {@code defaultMax} tokens, or the rest of the
     * context when that is 0 or does not fit; with it, prompt plus max_tokens must fit the context.
     *
     * @throws ApiException 400 context_length_exceeded when they do not fit
     */
    static CompletionRun plan(
            ServedModel model,
            List<int[]> prompts,
            SamplingSettings settings,
            ResponseShape shape,
            int defaultMax,
            ObjectMapper mapper) {
        int context = model.contextLength();
        int[] maxNew = new int[prompts.size()];
        for (int p = 0; p < prompts.size(); p++) {
            int promptTokens = prompts.get(p).length;
            int room = context - promptTokens;
            Integer asked = settings.maxTokens();
            if (room < 1 || (asked != null && asked > room)) {
                int requested = promptTokens + (asked != null ? asked : 1);
                throw ApiException.badRequest(
                        shape.promptParam(),
                        "context_length_exceeded",
                        "This model's maximum context length is " + context + " tokens. However, you requested "
                                + requested + " tokens (" + promptTokens + " in the " + shape.promptParam() + ", "
                                + (requested - promptTokens) + " in the completion). Please reduce the length of the "
                                + shape.promptParam() + " or completion.");
            }
            maxNew[p] = asked != null ? asked : defaultMax > 0 ? Math.min(defaultMax, room) : room;
        }
        return new CompletionRun(model, prompts, maxNew, settings, shape, mapper);
    }

    /** What the request's thread runs once its choices are queued, before it waits for them. */
    @FunctionalInterface
    interface Queued {
        void reached() throws InterruptedException;
    }

    /**
     * Queues every choice with {@code scheduler}, waits for them and sends the whole response, or streams
     * it as the choices' text comes when the request asked. The choices are cancelled, freeing their slots,
     * when the client goes away, generating fails or this thread is interrupted.
     *
     * @param queued    called once every choice is queued (and a stream's headers are out)
     * @param generated gets the response as sent: a whole one as soon as it is generated, before it is sent
     *                  (so it counts even when the client is gone), a stream once it ended with [DONE]; it is
     *                  not called when a stream broke off
     */
    void respond(
            HttpExchange exchange, GenerationScheduler scheduler, Queued queued, Consumer<RecordedResponse> generated)
            throws IOException, InterruptedException {
        if (settings.stream()) {
            ServerSentEvents events = ServerSentEvents.open(exchange, mapper);
            try (RunningChoices choices = RunningChoices.submit(scheduler, choices(), true)) {
                queued.reached();
                if (stream(events, choices)) {
                    generated.accept(events.recorded());
                }
            }
            return;
        }
        List<Generation> generations;
        try (RunningChoices choices = RunningChoices.submit(scheduler, choices(), false)) {
            queued.reached();
            generations = choices.all();
        }
        RecordedResponse whole = new RecordedResponse(JsonResponses.JSON, mapper.writeValueAsBytes(whole(generations)));
        generated.accept(whole);
        whole.send(exchange);
    }

    /** The choices to generate, numbered prompt-major. */
    private List<RunningChoices.Choice> choices() {
        List<RunningChoices.Choice> out = new ArrayList<>();
        for (int p = 0; p < prompts.size(); p++) {
            for (int j = 0; j < settings.n(); j++) {
                out.add(new RunningChoices.Choice(
                        prompts.get(p), model.options(maxNew[p], settings.stops()), settings.sampler(j)));
            }
        }
        return out;
    }

    private ObjectNode whole(List<Generation> generations) {
        ObjectNode response = envelope(shape.object());
        ArrayNode choices = response.putArray("choices");
        long completionTokens = 0;
        for (int i = 0; i < generations.size(); i++) {
            Generation g = generations.get(i);
            choices.add(shape.choice(i, g.text(), finishReason(g)));
            completionTokens += g.newTokens();
        }
        response.set("usage", usage(completionTokens));
        return response;
    }

    /**
     * Streams the choices' text as it comes, choices interleaved as they are generated together (each
     * chunk names its choice's index, as OpenAI's do); true when the stream ended with [DONE]. A failure
     * once the 200 is out can only be told in the stream: an error event closes it (a client that went
     * away is simply left).
     */
    private boolean stream(ServerSentEvents events, RunningChoices choices) throws InterruptedException {
        try {
            int count = prompts.size() * settings.n();
            for (int index = 0; index < count; index++) {
                ObjectNode opening = shape.openingChoice(index);
                if (opening != null) {
                    events.send(chunk(opening));
                }
            }
            long completionTokens = 0;
            for (int open = count; open > 0; ) {
                RunningChoices.Event e = choices.next();
                if (e.end()) {
                    events.send(chunk(shape.chunkChoice(e.choice(), "", finishReason(e.generation()))));
                    completionTokens += e.generation().newTokens();
                    open--;
                } else {
                    events.send(chunk(shape.chunkChoice(e.choice(), e.text(), null)));
                }
            }
            if (settings.includeUsage()) {
                ObjectNode last = envelope(shape.chunkObject());
                last.putArray("choices");
                last.set("usage", usage(completionTokens));
                events.send(last);
            }
            events.done();
            return true;
        } catch (UncheckedIOException gone) {
            // the client closed the connection: nobody is left to tell
        } catch (ApiException e) {
            events.send(JsonResponses.error(mapper, e));
        }
        return false;
    }

    private ObjectNode chunk(ObjectNode choice) {
        ObjectNode c = envelope(shape.chunkObject());
        c.putArray("choices").add(choice);
        return c;
    }

    private ObjectNode envelope(String object) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", id);
        o.put("object", object);
        o.put("created", created);
        o.put("model", model.id());
        return o;
    }

    private ObjectNode usage(long completionTokens) {
        long promptTokens = prompts.stream().mapToLong(p -> p.length).sum();
        ObjectNode u = mapper.createObjectNode();
        u.put("prompt_tokens", promptTokens);
        u.put("completion_tokens", completionTokens);
        u.put("total_tokens", promptTokens + completionTokens);
        return u;
    }

    private static String finishReason(Generation g) {
        return g.stopReason() == StopReason.MAX_TOKENS ? "length" : "stop";
    }
}
