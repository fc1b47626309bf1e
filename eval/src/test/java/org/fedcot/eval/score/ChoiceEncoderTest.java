package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fedcot.models.generate.ScoringRequest;
import org.junit.jupiter.api.Test;

class ChoiceEncoderTest {
    private static final ByteTokenizer TOKENIZER = new ByteTokenizer();

    @Test
    void contextWithBosAndTheContinuationsTokens() {
        List<ScoringRequest> r = new ChoiceEncoder(TOKENIZER).encode("Answer:", List.of(" no", " yes"));
        assertEquals(2, r.size());
        assertArrayEquals(TOKENIZER.encode("Answer:", true), r.get(0).context());
        assertArrayEquals(TOKENIZER.encode(" no", false), r.get(0).continuation());
        assertArrayEquals(TOKENIZER.encode(" yes", false), r.get(1).continuation());
    }

    @Test
    void trailingWhiteSpaceMovesToTheContinuation() {
        ScoringRequest r =
                new ChoiceEncoder(TOKENIZER).encode("Answer: ", List.of("yes")).getFirst();
        assertArrayEquals(TOKENIZER.encode("Answer:", true), r.context());
        assertArrayEquals(TOKENIZER.encode(" yes", false), r.continuation());
    }
}
