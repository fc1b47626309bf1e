package org.fedcot.pipeline.slm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.models.checkpoint.ModelPath;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.pipeline.TinyRun;
import org.fedcot.testing.MadeQuestions;
import org.junit.jupiter.api.Test;

/**
 * Prompts decoded side by side get the continuations they get one at a time, in their order, on the tiny runs'
 * made model: prompts of different lengths, one of them longer than the model's positions (cut from the left).
 */
class SlmGeneratorTest {
    private static final int NEW_TOKENS = 12;

    /** The first 1, 2, 4, ... made questions as one prompt each, then every question three times over. */
    private static List<String> prompts() {
        List<String> lines = MadeQuestions.lines();
        List<String> prompts = new ArrayList<>();
        for (int n = 1; n < lines.size(); n *= 2) {
            prompts.add(String.join("\n", lines.subList(0, n)) + "\n");
        }
        String all = String.join("\n", lines);
        prompts.add(all + "\n" + all + "\n" + all + "\n");
        return prompts;
    }

    @Test
    void aBatchGivesEveryPromptTheContinuationItGetsAlone() throws IOException {
        Path dir = TinyRun.slmModel();
        DecoderModel model = ModelPath.load(dir);
        Tokenizer tokenizer = ModelPath.tokenizer(dir, null, model);
        List<String> prompts = prompts();
        assertTrue(
                tokenizer.encode(prompts.getLast(), true).length
                        > model.config().maxPositionEmbeddings(),
                "no prompt is long enough to be cut");

        SlmGenerator alone = new SlmGenerator(model, tokenizer, NEW_TOKENS, 1);
        List<String> expected = new ArrayList<>();
        for (String p : prompts) {
            expected.add(alone.continuations(List.of(p)).getFirst());
        }
        assertTrue(expected.stream().distinct().count() > 1, "the prompts were all continued alike: " + expected);
        // fewer slots than prompts (later ones join as earlier ones finish), then more
        assertEquals(expected, new SlmGenerator(model, tokenizer, NEW_TOKENS, 3).continuations(prompts));
        assertEquals(expected, new SlmGenerator(model, tokenizer, NEW_TOKENS, 16).continuations(prompts));
    }
}
