package org.fedcot.models.tokenizer.hf;

import java.nio.file.Path;
import org.fedcot.models.tokenizer.TokenizerException;
import org.fedcot.testing.SharedFiles;

/**
 * The real tokenizers in ../shared, loaded once per test JVM (Qwen3's file alone is 11 MB).
 */
final class SharedTokenizers {
    private static HfTokenizer gpt2;
    private static HfTokenizer neox;
    private static HfTokenizer qwen3;

    private SharedTokenizers() {}

    static Path tokenizerFile(String relative) {
        return SharedFiles.path("models/tokenizers/" + relative);
    }

    static synchronized HfTokenizer gpt2() throws TokenizerException {
        if (gpt2 == null) {
            gpt2 = HfTokenizer.fromGpt2Files(
                    tokenizerFile("gpt2-tokenizer/encoder.json"), tokenizerFile("gpt2-tokenizer/vocab.bpe"));
        }
        return gpt2;
    }

    static synchronized HfTokenizer neox() throws TokenizerException {
        if (neox == null) {
            neox = HfTokenizer.load(tokenizerFile("gpt-neox-20b-tokenizer/20B_tokenizer.json"));
        }
        return neox;
    }

    static synchronized HfTokenizer qwen3() throws TokenizerException {
        if (qwen3 == null) {
            qwen3 = HfTokenizer.load(tokenizerFile("qwen3-tokenizer/tokenizer.json"));
        }
        return qwen3;
    }

    /** The tokenizer a fixture file is named after: gpt2, neox or qwen3. */
    static HfTokenizer named(String name) throws TokenizerException {
        return switch (name) {
            case "gpt2" -> gpt2();
            case "neox" -> neox();
            case "qwen3" -> qwen3();
            default -> throw new IllegalArgumentException(name);
        };
    }
}
