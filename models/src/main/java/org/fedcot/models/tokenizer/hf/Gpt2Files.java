package org.fedcot.models.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.models.tokenizer.TokenizerException;

/**
 * Reads OpenAI's GPT-2 pair, {@code encoder.json} (token to id) and {@code vocab.bpe} (a version
 * line, then one merge per line), into the tokenizer HF's GPT2TokenizerFast makes of them: ByteLevel
 * without a prefix space, GPT-2's regex, {@code <|endoftext|>} as a special token, no BOS/EOS added.
 */
final class Gpt2Files {
    private Gpt2Files() {}

    static HfTokenizer read(Path encoderJson, Path vocabBpe) throws TokenizerException {
        JsonNode encoder = Json.parse(encoderJson);
        Map<String, Integer> vocab;
        try {
            if (!encoder.isObject()) {
                throw new FormatProblem("is not a JSON object of token to id");
            }
            vocab = ModelJson.vocab(encoder, "encoder");
        } catch (FormatProblem p) {
            throw new TokenizerException(encoderJson, p.getMessage());
        }
        try {
            BpeModel model = new BpeModel(vocab, merges(vocabBpe), BpeModel.Options.DEFAULT);
            // GPT2TokenizerFast registers <|endoftext|> as special; where the vocabulary lacks it,
            // HF gives it the next free id.
            int endOfText = vocab.getOrDefault(BosEos.ENDOFTEXT, model.tokens().length);
            return new HfTokenizer(
                    model,
                    List.of(AddedToken.special(endOfText, BosEos.ENDOFTEXT)),
                    TextNormalizer.NONE,
                    ByteLevelPreTokenizer.create(false, true),
                    SpecialTokenTemplate.NONE,
                    null);
        } catch (FormatProblem p) {
            throw new TokenizerException(vocabBpe, p.getMessage());
        }
    }

    private static List<String[]> merges(Path vocabBpe) throws TokenizerException, FormatProblem {
        List<String> lines;
        try {
            lines = Files.readAllLines(vocabBpe, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TokenizerException(vocabBpe, "does not exist", e);
        } catch (CharacterCodingException e) {
            throw new TokenizerException(vocabBpe, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw new TokenizerException(vocabBpe, "cannot be read: " + e.getMessage(), e);
        }
        List<String[]> merges = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            merges.add(ModelJson.merge(line, "line " + (i + 1)));
        }
        if (merges.isEmpty()) {
            throw new FormatProblem("holds no merges");
        }
        return merges;
    }
}
