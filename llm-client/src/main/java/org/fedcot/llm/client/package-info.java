/**
 * The OpenAI-compatible HTTP client that asks the server-side LLM: {@link org.fedcot.llm.client.LlmClient}
 * sends completion and chat requests with timeouts, retries, bounded concurrency and an optional rate limit,
 * and keeps every answer in a {@link org.fedcot.llm.client.ResponseCache} so an interrupted batch resumes
 * without asking (or paying) twice.
 */
package org.fedcot.llm.client;
