package org.fedcot.llm.client;

/**
 * How far a batch has come.
 *
 * @param done   requests answered so far, cached ones included
 * @param total  requests in the batch
 * @param cached answers so far that cost nothing (from the cache, or shared with an identical request)
 * @param usage  tokens of the answers this batch paid for so far
 */
public record BatchProgress(int done, int total, int cached, Usage usage) {}
