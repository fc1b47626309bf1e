package org.fedcot.pipeline.run;

import java.io.IOException;
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
 * the run directory (a rerun never asks again), with the privacy rule enforced at the door by a
 * {@link ReleaseGate}, which reads every prompt of a private example before it leaves.
 */
public final class LlmGateway implements AutoCloseable {
    private final LlmClient client;
    private final Sampling sampling;
    private final ReleaseGate gate;

    private LlmGateway(LlmClient client, Sampling sampling, ReleaseGate gate) {
        this.client = client;
        this.sampling = sampling;
        this.gate = gate;
    }

    /**
     * A gateway to the server {@code settings} names, caching in {@code cacheFile}, its prompts read by
     * {@code gate}; greedy answers are seeded.
     */
    public static LlmGateway open(LlmSettings settings, Path cacheFile, long seed, ReleaseGate gate)
            throws IOException {
        ClientConfig config = settings.client(cacheFile);
        Sampling sampling = Sampling.DEFAULT
                .withTemperature(settings.temperature())
                .withMaxTokens(settings.maxTokens())
                .withStop(QuestionText.END)
                .withSeed(seed);
        return new LlmGateway(LlmClient.open(config), sampling, gate);
    }

    /** Requests in flight at once, the size of a batch worth sending together. */
    public int concurrency() {
        return client.config().maxConcurrency();
    }

    /**
     * The completions of {@code prompts} (made for examples {@code ids}), in order, for stage {@code stage}.
     *
     * @throws IllegalStateException when the gate refuses a prompt ({@link ReleaseGate#check})
     */
    public List<String> complete(
            String stage, List<String> ids, List<String> prompts, Exposure exposure, BatchListener listener) {
        gate.check(stage, ids, prompts, exposure);
        List<CompletionRequest> requests =
                prompts.stream().map(p -> new CompletionRequest(p, sampling)).toList();
        return client.completeAll(requests, listener).responses().stream()
                .map(LlmResponse::text)
                .toList();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
