package org.fedcot.cli.llm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.fedcot.llm.client.ClientConfig;
import org.fedcot.llm.client.RetryPolicy;
import picocli.CommandLine.Option;

/** The options that say which OpenAI-compatible server to ask and how: shared by every command that asks one. */
public final class LlmOptions {
    @Option(
            names = "--llm-url",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:8000/v1",
            description = "Base URL of the OpenAI-compatible API (OpenAI, vLLM, llama.cpp, Ollama, TGI, fedcot serve). "
                    + "Default: ${DEFAULT-VALUE}.")
    URI url;

    @Option(names = "--llm-model", paramLabel = "NAME", required = true, description = "The model id the server knows.")
    String model;

    @Option(
            names = "--api-key-env",
            paramLabel = "VAR",
            description = "Environment variable holding the API key (sent as a bearer token, never logged or cached).")
    String apiKeyEnv;

    @Option(
            names = "--cache",
            paramLabel = "FILE",
            description = "Response cache (JSON lines): answers found there are not asked again, so an interrupted "
                    + "batch resumes without paying twice.")
    Path cache;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "4",
            description = "Requests in flight at once. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(
            names = "--rpm",
            paramLabel = "N",
            defaultValue = "0",
            description = "At most N requests per minute (0: no limit). Default: ${DEFAULT-VALUE}.")
    int rpm;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "600",
            description = "Longest wait for one answer. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "6",
            description = "Attempts per request on 429, 5xx and connection errors, with exponential backoff, "
                    + "jitter and Retry-After. Default: ${DEFAULT-VALUE}.")
    int attempts;

    /** The client configuration these options describe. */
    public ClientConfig config() {
        atLeast("--concurrency", concurrency, 1);
        atLeast("--rpm", rpm, 0);
        atLeast("--timeout", timeoutSeconds, 1);
        atLeast("--retries", attempts, 1);
        RetryPolicy defaults = RetryPolicy.DEFAULT;
        ClientConfig config = ClientConfig.of(url, model)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(timeoutSeconds))
                .withRetry(new RetryPolicy(
                        attempts, defaults.initialBackoff(), defaults.maxBackoff(), defaults.maxRetryAfter()))
                .withMaxConcurrency(concurrency)
                .withRequestsPerMinute(rpm);
        if (apiKeyEnv != null) {
            config = config.withApiKeyEnv(apiKeyEnv);
        }
        return cache == null ? config : config.withCacheFile(cache);
    }

    private static void atLeast(String flag, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(flag + " must be at least " + min + ", got " + value);
        }
    }
}
