/**
 * Talking to the server-side LLM over the OpenAI HTTP API, and hosting a local model behind the same API.
 */
package org.fedcot.llm;
