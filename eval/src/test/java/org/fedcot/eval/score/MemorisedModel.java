package org.fedcot.eval.score;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fedcot.eval.data.Dataset;
import org.fedcot.eval.data.QaExample;
import org.fedcot.models.train.Example;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.models.train.Trainer;
import org.fedcot.models.train.TrainerConfig;
import org.fedcot.models.train.TrainingListener;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.tensor.optim.LrSchedule;

/**
 * A tiny byte-level Llama trained until it has memorised the answers of {@link #QUESTIONS}, after both
 * their multiple-choice context and their generation prompt, so its predictions are known by
 * construction: the memorised answer of every question. Trained once per test JVM (a few seconds).
 */
final class MemorisedModel {
    static final ByteTokenizer TOKENIZER = new ByteTokenizer();
    /** Enough full-batch steps to drive the loss near 0 (about 5 s on 2 cores). */
    private static final int STEPS = 80;

    static final PromptFormat FORMAT = PromptFormat.of(Dataset.CQA);

    /** The questions, each with the answer the model learns as its gold answer. */
    static final List<QaExample> QUESTIONS = List.of(
            new QaExample("q0", "What does Ann like?", null, List.of("red", "blue", "gold"), 1),
            new QaExample("q1", "What does Bob like?", null, List.of("tea", "milk", "juice"), 2),
            new QaExample("q2", "What does Cyd like?", null, List.of("cats", "dogs", "owls"), 0),
            new QaExample("q3", "What does Dan like?", null, List.of("snow", "rain", "sun"), 1),
            new QaExample("q4", "What does Eve like?", null, List.of("jazz", "rock", "folk"), 2),
            new QaExample("q5", "What does Fay like?", null, List.of("oak", "pine", "elm"), 0));

    private static DecoderModel model;

    private MemorisedModel() {}

    /** The trained model. */
    static synchronized DecoderModel get() {
        if (model == null) {
            model = train();
        }
        return model;
    }

    private static DecoderModel train() {
        TransformerConfig config = TransformerConfig.builder(ModelType.LLAMA)
                .vocabSize(TOKENIZER.vocabSize())
                .hiddenSize(64)
                .intermediateSize(128)
                .numLayers(2)
                .numHeads(4)
                .numKvHeads(2)
                .maxPositionEmbeddings(128)
                .tieWordEmbeddings(false)
                .build();
        DecoderModel m = DecoderModel.random(config, 7);
        List<Example> examples = new ArrayList<>();
        for (QaExample q : QUESTIONS) {
            int[] answer = TOKENIZER.encode(FORMAT.continuation(q.answerText()), false);
            int[] target = Arrays.copyOf(answer, answer.length + 1);
            target[answer.length] = ByteTokenizer.EOS;
            examples.add(Example.of(TOKENIZER.encode(FORMAT.mcContext(q), true), target, TaskWeights.LABEL));
            examples.add(Example.of(TOKENIZER.encode(FORMAT.genPrompt(q), true), target, TaskWeights.LABEL));
        }
        TrainerConfig tc = TrainerConfig.builder(STEPS)
                .batchSize(examples.size())
                .learningRate(5e-3)
                .schedule(LrSchedule.Kind.COSINE)
                .warmupSteps(5)
                .seed(1)
                .build();
        try {
            new Trainer(m, tc, examples, List.of()).train(null, new TrainingListener() {});
        } catch (IOException e) { // there are no checkpoints to write
            throw new IllegalStateException(e);
        }
        return m;
    }
}
