package org.fedcot.pipeline.run;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.llm.client.BatchListener;
import org.fedcot.llm.client.ClientConfig;
import org.fedcot.llm.client.CompletionRequest;
import org.fedcot.llm.client.LlmClient;
import org.fedcot.llm.client.LlmResponse;
import org.fedcot.llm.client.Sampling;
import org.fedcot.pipeline.config.LlmSettings;
import org.fedcot.pipeline.prompt.QuestionText;

/**
 * The client's only way to the server: completions through an {@link LlmClient} whose response cache lives in
 * the run directory (a rerun never asks again), with the privacy rule enforced at the door: a batch marked
 * {@link Exposure#RAW_PRIVATE} is refused unless the configuration allows raw prompts.
 */
public final class LlmGateway implements AutoCloseable {
    private final LlmClient client;
    private final Sampling sampling;
    private final boolean allowRaw;

    private LlmGateway(LlmClient client, Sampling sampling, boolean allowRaw) {
        this.client = client;
        this.sampling = sampling;
        this.allowRaw = allowRaw;
    }

    /** A gateway to the server {@code settings} names, caching in {@code cacheFile}; greedy answers are seeded. */
    public static LlmGateway open(LlmSettings settings, Path cacheFile, long seed) throws IOException {
        ClientConfig config = ClientConfig.of(URI.create(settings.url()), settings.model())
                .withApiKeyEnv(settings.apiKeyEnv()).withMaxConcurrency(settings.concurrency())
                .withRequestsPerMinute(settings.rpm()).withCacheFile(cacheFile);
        Sampling sampling = Sampling.DEFAULT.withTemperature(settings.temperature()).withMaxTokens(settings.maxTokens())
                .withStop(QuestionText.END).withSeed(seed);
        return new LlmGateway(LlmClient.open(config), sampling, settings.allowRawPrompts());
    }

    /** Requests in flight at once, the size of a batch worth sending together. */
    public int concurrency() {
        return client.config().maxConcurrency();
    }

    /**
     * The completions of {@code prompts}, in order.
     *
     * @throws IllegalStateException when {@code exposure} is raw and raw prompts are not allowed
     */
    public List<String> complete(List<String> prompts, Exposure exposure, BatchListener listener) {
        if (exposure == Exposure.RAW_PRIVATE && !allowRaw) {
            throw new IllegalStateException("refusing to send raw private prompts: llm.allowRawPrompts is false");
        }
        List<CompletionRequest> requests = prompts.stream().map(p -> new CompletionRequest(p, sampling)).toList();
        return client.completeAll(requests, listener).responses().stream().map(LlmResponse::text).toList();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
