package org.fedcot.pipeline.config;

/**
 * The client's small language model, the starting point of every SLM the run trains.
 *
 * @param model     a Hugging Face directory or a llama2.c checkpoint
 * @param tokenizer its tokenizer when not in or beside the model; null for the model's own
 */
public record SlmSettings(String model, String tokenizer) {}
