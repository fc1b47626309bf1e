/**
 * Hugging Face byte-level BPE tokenizers (GPT-2, GPT-NeoX, Qwen2/3, Llama 3 style) that encode and
 * decode exactly as the Rust {@code tokenizers} library does.
 *
 * <p>{@link org.fedcot.models.tokenizer.hf.HfTokenizer#load} reads a {@code tokenizer.json};
 * {@link org.fedcot.models.tokenizer.hf.HfTokenizer#fromGpt2Files} reads OpenAI's
 * {@code encoder.json} + {@code vocab.bpe} pair. Encoding follows the reference pipeline: added
 * tokens are cut out of the raw text (longest match first), the rest is normalized, pre-tokenized
 * (regex splits, then bytes mapped to printable characters), merged by BPE rank, and wrapped by the
 * post-processor's BOS/EOS template when asked. {@link org.fedcot.models.tokenizer.hf.BpeTrainer}
 * trains a new byte-level BPE and saves it as a {@code tokenizer.json} both loaders accept.
 */
package org.fedcot.models.tokenizer.hf;
