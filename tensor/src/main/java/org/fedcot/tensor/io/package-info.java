/**
 * Reading and writing the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * checkpoint format: an 8-byte little-endian header length, a UTF-8 JSON header describing each
 * tensor's dtype, shape and byte range, then the raw little-endian data.
 *
 * <p>{@link org.fedcot.tensor.io.SafetensorsFile} memory-maps a file and decodes one tensor at a
 * time into float32; {@link org.fedcot.tensor.io.SafetensorsWriter} writes float32 tensors
 * atomically.
 */
package org.fedcot.tensor.io;
