package org.fedcot.pipeline.config;

import java.net.URI;
import java.nio.file.Path;
import org.fedcot.llm.client.ClientConfig;

/**
 * Where the server's LLM is and how it is asked.
 *
 * @param url             base URL of an OpenAI-compatible API (e.g. http://127.0.0.1:8000/v1); {@code --llm-url} overrides it
 * @param model           model name the server knows
 * @param apiKeyEnv       environment variable holding the API key; the key itself never appears in a config
 * @param temperature     sampling temperature (0: greedy, as the reference does)
 * @param maxTokens       longest rationale asked for (reference: 256)
 * @param concurrency     requests in flight at once
 * @param rpm             requests per minute at most; 0 for no limit
 * @param allowRawPrompts whether raw private prompts may be sent (Non-Private, FewShot-LLM); false unless said
 */
public record LlmSettings(
        String url,
        String model,
        String apiKeyEnv,
        Double temperature,
        Integer maxTokens,
        Integer concurrency,
        Integer rpm,
        Boolean allowRawPrompts) {
    /** Fills unset values with the defaults. */
    public LlmSettings {
        model = model == null ? "default" : model;
        temperature = temperature == null ? 0.0 : temperature;
        maxTokens = maxTokens == null ? 256 : maxTokens;
        concurrency = concurrency == null ? 4 : concurrency;
        rpm = rpm == null ? 0 : rpm;
        allowRawPrompts = allowRawPrompts != null && allowRawPrompts;
    }

    /** The client configuration of this server: its URL, model, key and limits, answers cached in {@code cacheFile}. */
    public ClientConfig client(Path cacheFile) {
        return ClientConfig.of(URI.create(url), model)
                .withApiKeyEnv(apiKeyEnv)
                .withMaxConcurrency(concurrency)
                .withRequestsPerMinute(rpm)
                .withCacheFile(cacheFile);
    }

    /** Every setting at its default; no server named. */
    public static LlmSettings defaults() {
        return new LlmSettings(null, null, null, null, null, null, null, null);
    }
}
