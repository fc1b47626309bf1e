package org.fedcot.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.hf.BpeTrainer;
import org.fedcot.pipeline.prompt.QuestionText;
import org.fedcot.privacy.MechanismKind;
import org.fedcot.privacy.PerturbOptions;
import org.fedcot.privacy.Perturbation;
import org.fedcot.privacy.TokenPerturber;
import org.fedcot.privacy.TokenVocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo task under the reference's token-level mechanism: every question's creature is a word the mechanism
 * perturbs, and the lower eps, the more of the question text the server sees is changed and the fewer creature
 * names reach it as they were. The embeddings are drawn at random (the teacher's own need minutes of training);
 * the tokenizer is learnt from the task's language as the demo learns it.
 */
class WorldPrivacyTest {
    private static final double[] EPSILONS = {1, 3, 10};

    @ParameterizedTest(name = "keepStopwords={0}")
    @ValueSource(booleans = {false, true})
    void lowerEpsChangesMoreOfWhatTheServerSees(boolean keepStopwords) throws Exception {
        List<WorldQuestion> questions = WorldQuestions.shuffled(11).subList(0, 400);
        TokenVocabulary vocabulary = vocabulary();
        long[] changed = new long[EPSILONS.length];
        int[] namesKept = new int[EPSILONS.length];
        for (int k = 0; k < EPSILONS.length; k++) {
            TokenPerturber perturber = new TokenPerturber(
                    vocabulary,
                    PerturbOptions.of(MechanismKind.RANTEXT, EPSILONS[k]).withKeepStopwords(keepStopwords));
            for (int i = 0; i < questions.size(); i++) {
                WorldQuestion q = questions.get(i);
                Perturbation p = perturber.perturb(QuestionText.of(q.example()), new SplittableRandom(i));
                assertTrue(p.counts().perturbed() >= 1, "the creature goes through the mechanism: " + q.example());
                changed[k] += p.counts().changed();
                if (p.text().contains(" " + creature(q) + "?")) {
                    namesKept[k]++;
                }
            }
        }
        assertTrue(
                changed[0] > changed[1] && changed[1] > changed[2],
                "changed tokens at eps 1, 3, 10: " + java.util.Arrays.toString(changed));
        assertTrue(
                namesKept[0] < namesKept[1] && namesKept[1] < namesKept[2],
                "creature names sent unchanged at eps 1, 3, 10: " + java.util.Arrays.toString(namesKept));
    }

    @Test
    void everyCreatureIsOneTokenOfTheMechanismsSet() throws Exception {
        TokenVocabulary vocabulary = vocabulary();
        for (String name : World.creatures()) {
            int[] ids = vocabulary.tokenizer().encode(" " + name, false);
            assertEquals(1, ids.length, name);
            assertTrue(vocabulary.row(ids[0]) >= 0, name + " is in the token set");
        }
    }

    /** The creature a question asks about: the word before its question mark. */
    private static String creature(WorldQuestion q) {
        String question = q.example().question();
        return question.substring(question.lastIndexOf(' ') + 1, question.length() - 1);
    }

    /** A tokenizer learnt from the world's questions and rationales, with random embeddings. */
    private static TokenVocabulary vocabulary() throws Exception {
        List<String> texts = new ArrayList<>();
        for (WorldQuestion q : WorldQuestions.shuffled(11)) {
            texts.add(QuestionText.of(q.example()) + q.rationale());
        }
        Tokenizer tokenizer =
                new BpeTrainer(2048, List.of("<|endoftext|>")).train(texts).tokenizer();
        int dim = 32;
        float[] embeddings = new float[tokenizer.vocabSize() * dim];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < embeddings.length; i++) {
            embeddings[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return TokenVocabulary.of(tokenizer, embeddings, tokenizer.vocabSize(), dim);
    }
}
