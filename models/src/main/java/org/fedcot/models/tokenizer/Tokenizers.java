package org.fedcot.models.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fedcot.models.tokenizer.hf.HfTokenizer;
import org.fedcot.models.tokenizer.llama2c.Llama2cTokenizer;

/** Opens a tokenizer from a path, whichever supported format it is in. */
public final class Tokenizers {
    private static final String TOKENIZER_JSON = "tokenizer.json";
    private static final String ENCODER_JSON = "encoder.json";
    private static final String VOCAB_BPE = "vocab.bpe";
    private static final String TOKENIZER_BIN = "tokenizer.bin";
    /** The first int of llm.c's tokenizer file, a format of its own that this project does not read. */
    private static final int LLM_C_MAGIC = 20240328;

    private static final JsonFactory JSON = new JsonFactory();

    private Tokenizers() {}

    /**
     * Loads the tokenizer at {@code path}, telling a file's format by its content, not its name:
     * <ul>
     *   <li>JSON mapping tokens to ids: GPT-2's encoder.json, read with the vocab.bpe beside it;</li>
     *   <li>other JSON: a Hugging Face tokenizer.json;</li>
     *   <li>text starting "#version": GPT-2's vocab.bpe, read with the encoder.json beside it;</li>
     *   <li>anything else: a llama2.c tokenizer.bin (whose reader checks every field).</li>
     * </ul>
     * A directory is searched, in this order, for tokenizer.json, the one file named
     * *tokenizer.json (e.g. GPT-NeoX's 20B_tokenizer.json), encoder.json + vocab.bpe, tokenizer.bin.
     *
     * @throws TokenizerException naming the path and the problem: nothing usable found, unreadable,
     *     corrupt, or an unsupported format
     */
    public static Tokenizer load(Path path) throws TokenizerException {
        return Files.isDirectory(path) ? loadFile(findIn(path)) : loadFile(path);
    }

    private static Path findIn(Path dir) throws TokenizerException {
        if (Files.isRegularFile(dir.resolve(TOKENIZER_JSON))) {
            return dir.resolve(TOKENIZER_JSON);
        }
        List<Path> named = files(dir).stream()
                .filter(f -> f.getFileName().toString().endsWith(TOKENIZER_JSON))
                .toList();
        if (named.size() == 1) {
            return named.getFirst();
        }
        if (Files.isRegularFile(dir.resolve(ENCODER_JSON)) && Files.isRegularFile(dir.resolve(VOCAB_BPE))) {
            return dir.resolve(ENCODER_JSON);
        }
        if (Files.isRegularFile(dir.resolve(TOKENIZER_BIN))) {
            return dir.resolve(TOKENIZER_BIN);
        }
        throw new TokenizerException(dir, "no tokenizer.json, encoder.json + vocab.bpe or tokenizer.bin found");
    }

    private static List<Path> files(Path dir) throws TokenizerException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw unreadable(dir, e);
        }
    }

    private static Tokenizer loadFile(Path file) throws TokenizerException {
        String head = head(file);
        String start = head.stripLeading();
        // '{' then '"' (or '}'): JSON. A tokenizer.bin whose max_token_length is 123 also starts with '{'.
        if (start.startsWith("{") && start.substring(1).stripLeading().matches("(?s)[\"}].*")) {
            return isTokenToIdMap(file)
                    ? HfTokenizer.fromGpt2Files(file, partner(file, VOCAB_BPE, "GPT-2's encoder.json"))
                    : HfTokenizer.load(file);
        }
        if (start.startsWith("#version")) {
            return HfTokenizer.fromGpt2Files(partner(file, ENCODER_JSON, "GPT-2's vocab.bpe"), file);
        }
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length >= Integer.BYTES
                && ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt() == LLM_C_MAGIC) {
            throw new TokenizerException(
                    file,
                    "is an llm.c tokenizer file, which is not supported; "
                            + "use the encoder.json + vocab.bpe it was made from");
        }
        return Llama2cTokenizer.load(file);
    }

    /** The file's first bytes, one char per byte, without a UTF-8 byte order mark. */
    private static String head(Path file) throws TokenizerException {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
            return head.startsWith("\u00EF\u00BB\u00BF") ? head.substring(3) : head;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Whether the JSON object's first value is a number, as in a token-to-id map (a tokenizer.json has none). */
    private static boolean isTokenToIdMap(Path file) {
        try (JsonParser json = JSON.createParser(file.toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT || json.nextToken() != JsonToken.FIELD_NAME) {
                return false;
            }
            JsonToken firstValue = json.nextToken();
            return firstValue != null && firstValue.isNumeric();
        } catch (IOException e) {
            return false; // not well-formed: HfTokenizer.load reports where
        }
    }

    private static Path partner(Path file, String name, String what) throws TokenizerException {
        Path partner = file.resolveSibling(name);
        if (!Files.isRegularFile(partner)) {
            throw new TokenizerException(file, "looks like " + what + ", but there is no " + name + " beside it");
        }
        return partner;
    }

    private static TokenizerException unreadable(Path path, IOException e) {
        return e instanceof NoSuchFileException
                ? new TokenizerException(path, "does not exist", e)
                : new TokenizerException(path, "cannot be read: " + e.getMessage(), e);
    }
}
