package org.fedcot.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.Tokenizers;
import org.fedcot.models.tokenizer.hf.BpeTrainer;
import org.fedcot.models.train.Checkpoints;
import org.fedcot.models.train.Example;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.models.train.Trainer;
import org.fedcot.models.train.TrainerConfig;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TransformerConfig;
import org.fedcot.pipeline.prompt.EncoderDecoderPrompts;
import org.fedcot.pipeline.prompt.QuestionText;
import org.fedcot.pipeline.prompt.RationalePrompts;
import org.fedcot.pipeline.prompt.TaskPrompts;
import org.fedcot.pipeline.run.RunListener;

/**
 * The demo's two parties' models, trained by the project on first use and kept in a cache directory so
 * later runs start at once: a byte-level BPE tokenizer learnt from the task's language, the server's teacher
 * LLM (a Llama taught to answer the word problems with worked rationales in the layout the pipeline asks for),
 * and the client's smaller SLM, pretrained on one-step few-shot exercises only (it has never seen a two-step
 * problem of the task). Each training keeps checkpoints, so an interrupted first run resumes where it stopped.
 *
 * @param tokenizer tokenizer.json shared by both models
 * @param teacher   the teacher's final checkpoint directory (a Hugging Face model directory)
 * @param slm       the client SLM's final checkpoint directory
 */
record DemoModels(Path tokenizer, Path teacher, Path slm) {
    private static final int VOCAB = 640;

    /**
     * The models under {@code cache}, trained there first if they are not yet: the teacher for
     * {@code teacherSteps} steps, the SLM for {@code slmSteps} (each count has a directory of its own).
     */
    static DemoModels prepare(Path cache, long seed, int teacherSteps, int slmSteps, RunListener listener)
            throws IOException {
        List<WordProblem> teacherData = WordProblems.generate("teacher", 8000, seed + 100);
        List<List<WordProblem>> pairs = WordProblems.oneStepPairs(4000, seed + 200);
        Path tokenizerFile = cache.resolve("tokenizer.json");
        if (!Files.exists(tokenizerFile)) {
            listener.message("demo: learning a " + VOCAB + "-token BPE vocabulary from the task's language");
            new BpeTrainer(VOCAB, List.of("<|endoftext|>")).train(corpus(teacherData, pairs)).save(tokenizerFile);
        }
        Tokenizer tokenizer = Tokenizers.load(tokenizerFile);
        Path teacher = train(cache.resolve("teacher-" + teacherSteps), "teacher LLM", teacherConfig(tokenizer), teacherSteps, 3e-3,
                () -> teacherExamples(teacherData, tokenizer), seed, listener);
        Path slm = train(cache.resolve("slm-" + slmSteps), "client SLM (pretraining)", slmConfig(tokenizer), slmSteps, 3e-3,
                () -> fewShotExamples(pairs, tokenizer), seed + 1, listener);
        return new DemoModels(tokenizerFile, teacher, slm);
    }

    /** Every kind of text the two models will read, so each word of the task is a token of its own. */
    private static List<String> corpus(List<WordProblem> problems, List<List<WordProblem>> pairs) {
        List<String> texts = new ArrayList<>();
        for (List<WordProblem> pair : pairs.subList(0, 1000)) texts.add(fewShot(pair.get(0), pair.get(1)) + pair.get(1).rationale());
        for (WordProblem p : problems.subList(0, 2000)) {
            String q = QuestionText.of(p.example());
            texts.add(RationalePrompts.request(q) + p.rationale() + QuestionText.END);
            texts.add(TaskPrompts.explain(p.example()) + TaskPrompts.predict(p.example()) + TaskPrompts.answer(p.example()));
            texts.add(EncoderDecoderPrompts.decoder(q, p.rationale(), q) + EncoderDecoderPrompts.encoder(q));
        }
        return texts;
    }

    /** The teacher reads the request the pipeline sends and answers with the worked rationale. */
    private static List<Example> teacherExamples(List<WordProblem> problems, Tokenizer tokenizer) {
        List<Example> out = new ArrayList<>(problems.size());
        for (WordProblem p : problems) {
            out.add(Example.of(tokenizer.encode(RationalePrompts.request(QuestionText.of(p.example())), false),
                    tokenizer.encode(p.rationale() + QuestionText.END, false), TaskWeights.RATIONALE));
        }
        return out;
    }

    /**
     * The SLM learns to solve a one-step problem after a worked example of another with the same numbers, in
     * the layout of FedCoT-E's decoding prompt: the in-context skill a pretrained model brings.
     */
    private static List<Example> fewShotExamples(List<List<WordProblem>> pairs, Tokenizer tokenizer) {
        List<Example> out = new ArrayList<>(pairs.size());
        for (List<WordProblem> p : pairs) {
            out.add(Example.of(tokenizer.encode(fewShot(p.get(0), p.get(1)), false),
                    tokenizer.encode(p.get(1).rationale() + QuestionText.END, false), TaskWeights.LABEL));
        }
        return out;
    }

    private static String fewShot(WordProblem example, WordProblem problem) {
        return RationalePrompts.icl(QuestionText.of(example.example()), example.rationale(), QuestionText.of(problem.example()));
    }

    private static TransformerConfig teacherConfig(Tokenizer tokenizer) {
        return TransformerConfig.builder(ModelType.LLAMA).vocabSize(tokenizer.vocabSize()).hiddenSize(128)
                .intermediateSize(352).numLayers(4).numHeads(4).numKvHeads(2).maxPositionEmbeddings(320)
                .tieWordEmbeddings(true).build();
    }

    private static TransformerConfig slmConfig(Tokenizer tokenizer) {
        return TransformerConfig.builder(ModelType.LLAMA).vocabSize(tokenizer.vocabSize()).hiddenSize(96)
                .intermediateSize(256).numLayers(3).numHeads(4).numKvHeads(2).maxPositionEmbeddings(448)
                .tieWordEmbeddings(true).build();
    }

    /**
     * Trains a fresh model in {@code dir} (resuming from its newest checkpoint); returns the final checkpoint.
     * The examples are encoded only when there is training to do.
     */
    private static Path train(Path dir, String name, TransformerConfig config, int steps, double lr,
                              Supplier<List<Example>> examples, long seed, RunListener listener) throws IOException {
        Path done = Checkpoints.dir(dir, steps);
        if (Files.isDirectory(done)) return done;
        listener.message("demo: training the " + name + " once; it is kept in " + dir);
        DecoderModel model = DecoderModel.random(config, seed);
        TrainerConfig tc = TrainerConfig.builder(steps).batchSize(32).microBatchSize(16).learningRate(lr)
                .warmupSteps(steps / 20).seed(seed).checkpointEvery(100).keepCheckpoints(1).build();
        Trainer trainer = new Trainer(model, tc, examples.get(), List.of());
        Optional<Path> last = Checkpoints.latest(dir);
        if (last.isPresent()) trainer.resume(last.get());
        trainer.train(dir, listener.training(name));
        return done;
    }
}
