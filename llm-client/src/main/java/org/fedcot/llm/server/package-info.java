/**
 * The OpenAI-compatible HTTP server that hosts a local model ({@code fedcot serve}):
 * {@link org.fedcot.llm.server.OpenAiServer} serves a {@link org.fedcot.llm.server.ServedModel} as
 * {@link org.fedcot.llm.server.ServerOptions} say, with an optional API key and an audit log of every
 * request received.
 */
package org.fedcot.llm.server;
