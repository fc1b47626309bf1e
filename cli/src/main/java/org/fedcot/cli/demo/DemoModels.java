package org.fedcot.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * later runs start at once: a byte-level BPE tokenizer learnt from the world's language (every word of it, each
 * creature's name included, one token), the server's teacher LLM (a Llama taught every fact of the {@link World}
 * in the layout the pipeline asks for: "A bamok is a kind of bird. Birds eat seeds. ...", and lines naming
 * creatures of one kind, "Some birds: bamok, kalef, ...", which put the names of one kind near each other among
 * its input embeddings, as pretraining puts words used alike), and the client's SLM
 * of the same shape, pretrained only on rewrite exercises (a question and rationale about one creature carried
 * over to another, in the layouts of FedCoT-E's in-context decoding and FedCoT-A's decoder), whose kinds are
 * drawn at random: it can rewrite a rationale but knows no creature's kind. Each training keeps checkpoints,
 * so an interrupted first run resumes where it stopped.
 *
 * @param tokenizer tokenizer.json shared by both models
 * @param teacher   the teacher's final checkpoint directory (a Hugging Face model directory)
 * @param slm       the client SLM's final checkpoint directory
 */
record DemoModels(Path tokenizer, Path teacher, Path slm) {
    /** Room for every word of the world's language as one token (the learning stops when no pair is left). */
    private static final int VOCAB = 2048;
    /** How often the teacher's lessons hold each question of the world (with other choices each time). */
    private static final int LESSON_REPEATS = 6;

    private static final int REWRITES = 6000;
    /** Lines of creatures of one kind the teacher also learns ("Some birds: kalef, tedaz, soper."). */
    private static final int ROLLS = 4000;

    private static final int ROLL_LENGTH = 6;
    /** Examples per micro-batch of the two models' training (see {@link #train}). */
    private static final int MICRO_BATCH = 8;

    /**
     * The models under {@code cache}, trained there first if they are not yet: the teacher for
     * {@code teacherSteps} steps, the SLM for {@code slmSteps} (each count has a directory of its own).
     */
    static DemoModels prepare(Path cache, long seed, int teacherSteps, int slmSteps, RunListener listener)
            throws IOException {
        List<WorldQuestion> lessons = WorldQuestions.lessons(LESSON_REPEATS, seed + 100);
        List<WorldQuestions.Rewrite> rewrites = WorldQuestions.rewrites(REWRITES, seed + 200);
        Path tokenizerFile = cache.resolve("tokenizer.json");
        if (!Files.exists(tokenizerFile)) {
            listener.message("demo: learning a BPE vocabulary from the world's language");
            new BpeTrainer(VOCAB, List.of("<|endoftext|>"))
                    .train(corpus(lessons, rewrites))
                    .save(tokenizerFile);
        }
        Tokenizer tokenizer = Tokenizers.load(tokenizerFile);
        Path teacher = train(
                cache.resolve("teacher-" + teacherSteps),
                "teacher LLM",
                config(tokenizer),
                teacherSteps,
                3e-3,
                () -> teacherExamples(lessons, seed + 300, tokenizer),
                seed,
                listener);
        Path slm = train(
                cache.resolve("slm-" + slmSteps),
                "client SLM (pretraining)",
                config(tokenizer),
                slmSteps,
                3e-3,
                () -> rewriteExamples(rewrites, tokenizer),
                seed + 1,
                listener);
        return new DemoModels(tokenizerFile, teacher, slm);
    }

    /** Every kind of text the two models will read. */
    private static List<String> corpus(List<WorldQuestion> lessons, List<WorldQuestions.Rewrite> rewrites) {
        List<String> texts = new ArrayList<>();
        for (WorldQuestions.Rewrite r : rewrites.subList(0, 1000)) {
            texts.add(decoding(r) + r.asked().rationale());
            texts.add(recovering(r) + r.asked().rationale());
        }
        for (WorldQuestion q : lessons.subList(0, WorldQuestions.count())) {
            String text = QuestionText.of(q.example());
            texts.add(RationalePrompts.request(text) + q.rationale() + QuestionText.END);
            texts.add(TaskPrompts.explain(q.example())
                    + TaskPrompts.predict(q.example())
                    + TaskPrompts.answer(q.example()));
            texts.add(EncoderDecoderPrompts.encoder(text));
        }
        return texts;
    }

    /**
     * The teacher reads the request the pipeline sends and answers with the true rationale. Three lessons in
     * four give the question without the request's instruction and worked example, which are the same in every
     * request: a third of the tokens each, so the same training time holds more questions of the world.
     */
    private static List<Example> teacherExamples(List<WorldQuestion> lessons, long seed, Tokenizer tokenizer) {
        List<Example> out = new ArrayList<>(lessons.size() + ROLLS);
        for (int i = 0; i < lessons.size(); i++) {
            WorldQuestion q = lessons.get(i);
            String text = QuestionText.of(q.example());
            String prompt = i % 4 == 0 ? RationalePrompts.request(text) : bare(text);
            out.add(Example.of(
                    tokenizer.encode(prompt, false),
                    tokenizer.encode(q.rationale() + QuestionText.END, false),
                    TaskWeights.RATIONALE));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < ROLLS; i++) {
            List<String> roll = World.roll(i % World.kinds(), ROLL_LENGTH, rng);
            out.add(Example.of(
                    tokenizer.encode(roll.get(0), false), tokenizer.encode(roll.get(1), false), TaskWeights.RATIONALE));
        }
        return out;
    }

    /**
     * The SLM learns to write the rationale of the question asked after the rationale of the question shown: a
     * quarter in the layout of FedCoT-E's decoding prompt, a quarter in that of FedCoT-A's decoder, and half
     * without the prompts' fixed instruction (the same rewrite in a third of the tokens): the in-context rewrite
     * a pretrained model brings.
     */
    private static List<Example> rewriteExamples(List<WorldQuestions.Rewrite> rewrites, Tokenizer tokenizer) {
        List<Example> out = new ArrayList<>(rewrites.size());
        for (int i = 0; i < rewrites.size(); i++) {
            WorldQuestions.Rewrite r = rewrites.get(i);
            String prompt =
                    switch (i % 4) {
                        case 0 -> decoding(r);
                        case 1 -> recovering(r);
                        default ->
                            bare(QuestionText.of(r.shown().example()))
                                    + r.shown().rationale() + QuestionText.END + "\n\n"
                                    + bare(QuestionText.of(r.asked().example()));
                    };
            out.add(Example.of(
                    tokenizer.encode(prompt, false),
                    tokenizer.encode(r.asked().rationale() + QuestionText.END, false),
                    TaskWeights.LABEL));
        }
        return out;
    }

    /** A question and "Rationale:", as the requests and decoding prompts end. */
    private static String bare(String questionText) {
        return "Question:" + questionText + "Rationale:";
    }

    private static String decoding(WorldQuestions.Rewrite r) {
        return RationalePrompts.icl(
                QuestionText.of(r.shown().example()),
                r.shown().rationale(),
                QuestionText.of(r.asked().example()));
    }

    private static String recovering(WorldQuestions.Rewrite r) {
        return EncoderDecoderPrompts.decoder(
                QuestionText.of(r.shown().example()),
                r.shown().rationale(),
                QuestionText.of(r.asked().example()));
    }

    /** Both models' shape: the SLM is as large as the teacher, which is what the rewrite needs. */
    private static TransformerConfig config(Tokenizer tokenizer) {
        return TransformerConfig.builder(ModelType.LLAMA)
                .vocabSize(tokenizer.vocabSize())
                .hiddenSize(128)
                .intermediateSize(352)
                .numLayers(3)
                .numHeads(4)
                .numKvHeads(2)
                .maxPositionEmbeddings(448)
                .tieWordEmbeddings(true)
                .build();
    }

    /**
     * Trains a fresh model in {@code dir} (resuming from its newest checkpoint); returns the final checkpoint.
     * The examples are encoded only when there is training to do.
     */
    private static Path train(
            Path dir,
            String name,
            TransformerConfig config,
            int steps,
            double lr,
            Supplier<List<Example>> examples,
            long seed,
            RunListener listener)
            throws IOException {
        Path done = Checkpoints.dir(dir, steps);
        if (Files.isDirectory(done)) {
            return done;
        }
        listener.message("demo: training the " + name + " once; it is kept in " + dir);
        DecoderModel model = DecoderModel.random(config, seed);
        TrainerConfig tc = TrainerConfig.builder(steps)
                .batchSize(32)
                // a batch's micro-batches are cut from it sorted by length, each padded to its own longest: four
                // micro-batches of eight pad the teacher's few long requests apart from its many short lines (the
                // same gradient as two of 16, in about two thirds of their padded tokens)
                .microBatchSize(MICRO_BATCH)
                .learningRate(lr)
                .warmupSteps(steps / 20)
                .seed(seed)
                .checkpointEvery(100)
                .keepCheckpoints(1)
                .build();
        Trainer trainer = new Trainer(model, tc, examples.get(), List.of());
        Optional<Path> last = Checkpoints.latest(dir);
        if (last.isPresent()) {
            trainer.resume(last.get());
        }
        trainer.train(dir, listener.training(name));
        return done;
    }
}
