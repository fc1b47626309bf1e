package org.fedcot.llm.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how an {@link LlmClient} asks. Start from {@link #of} and change what differs with the
 * {@code with...} methods.
 *
 * @param baseUrl           the API root including {@code /v1}, as the OpenAI SDKs take it
 *                          ({@code http://localhost:8000/v1}); requests go to {@code /completions} and
 *                          {@code /chat/completions} below it
 * @param model             the {@code model} every request names
 * @param apiKeyEnv         the environment variable holding the API key, sent as a Bearer token; {@code null}
 *                          sends none (a local server). The key itself is never part of a configuration.
 * @param connectTimeout    how long to wait for a connection
 * @param requestTimeout    how long to wait for a whole response, per attempt
 * @param retry             the retry policy
 * @param maxConcurrency    most requests in flight at once
 * @param requestsPerMinute most attempts started per minute, evenly spaced; 0 for no limit
 * @param cacheFile         the JSON lines response cache, or {@code null} for none
 */
public record ClientConfig(
        URI baseUrl,
        String model,
        String apiKeyEnv,
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retry,
        int maxConcurrency,
        int requestsPerMinute,
        Path cacheFile) {
    public ClientConfig {
        String scheme = baseUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("base URL " + baseUrl + " is not http(s)");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("no model named");
        }
        if (apiKeyEnv != null && apiKeyEnv.isBlank()) {
            apiKeyEnv = null;
        }
        if (!connectTimeout.isPositive() || !requestTimeout.isPositive()) {
            throw new IllegalArgumentException(
                    "timeouts must be positive, not " + connectTimeout + ", " + requestTimeout);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency " + maxConcurrency + " < 1");
        }
        if (requestsPerMinute < 0)
            throw new IllegalArgumentException("requestsPerMinute " + requestsPerMinute + " < 0");
    }

    /**
     * {@code model} at {@code baseUrl} with no API key, a 10 s connect and 10 min request timeout, the
     * {@linkplain RetryPolicy#DEFAULT default retries}, 4 requests in flight, no rate limit and no cache.
     */
    public static ClientConfig of(URI baseUrl, String model) {
        return new ClientConfig(
                baseUrl, model, null, Duration.ofSeconds(10), Duration.ofMinutes(10), RetryPolicy.DEFAULT, 4, 0, null);
    }

    /** This configuration reading the API key from environment variable {@code name} ({@code null}: no key). */
    public ClientConfig withApiKeyEnv(String name) {
        return new ClientConfig(
                baseUrl,
                model,
                name,
                connectTimeout,
                requestTimeout,
                retry,
                maxConcurrency,
                requestsPerMinute,
                cacheFile);
    }

    /** This configuration with other timeouts. */
    public ClientConfig withTimeouts(Duration connect, Duration request) {
        return new ClientConfig(
                baseUrl, model, apiKeyEnv, connect, request, retry, maxConcurrency, requestsPerMinute, cacheFile);
    }

    /** This configuration with another retry policy. */
    public ClientConfig withRetry(RetryPolicy policy) {
        return new ClientConfig(
                baseUrl,
                model,
                apiKeyEnv,
                connectTimeout,
                requestTimeout,
                policy,
                maxConcurrency,
                requestsPerMinute,
                cacheFile);
    }

    /** This configuration with at most {@code n} requests in flight. */
    public ClientConfig withMaxConcurrency(int n) {
        return new ClientConfig(
                baseUrl, model, apiKeyEnv, connectTimeout, requestTimeout, retry, n, requestsPerMinute, cacheFile);
    }

    /** This configuration starting at most {@code rpm} attempts a minute (0: no limit). */
    public ClientConfig withRequestsPerMinute(int rpm) {
        return new ClientConfig(
                baseUrl, model, apiKeyEnv, connectTimeout, requestTimeout, retry, maxConcurrency, rpm, cacheFile);
    }

    /** This configuration caching responses in {@code file} ({@code null}: no cache). */
    public ClientConfig withCacheFile(Path file) {
        return new ClientConfig(
                baseUrl,
                model,
                apiKeyEnv,
                connectTimeout,
                requestTimeout,
                retry,
                maxConcurrency,
                requestsPerMinute,
                file);
    }
}
