package org.fedcot.cli.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.fedcot.eval.data.QaExample;

/**
 * The questions of the demo's {@link World}: the task (every creature asked about every trait, each pair once),
 * the teacher's lessons (every pair, with its true rationale), and the rewrite exercises the client's SLM is
 * pretrained on (a question and rationale about one creature, rewritten about another).
 */
final class WorldQuestions {
    private WorldQuestions() {}

    /** How many distinct questions the world has: every creature times every trait. */
    static int count() {
        return World.creatures().size() * World.Trait.values().length;
    }

    /**
     * Every question of the world once, in an order and with choices drawn from {@code seed}: a task's train and
     * test sets are two disjoint stretches of it, so no test question is a training question, while a test
     * question's creature has usually been asked about in training (about another trait).
     */
    static List<WorldQuestion> shuffled(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<WorldQuestion> out = new ArrayList<>(count());
        for (int c = 0; c < World.creatures().size(); c++) {
            for (World.Trait t : World.Trait.values()) {
                out.add(question("q-" + c + "-" + t.ordinal(), World.fact(c, t), World.kindOf(c), rng));
            }
        }
        Collections.shuffle(out, rng);
        return out;
    }

    /** The teacher's lessons: every question of the world {@code repeats} times, each time with other choices. */
    static List<WorldQuestion> lessons(int repeats, long seed) {
        List<WorldQuestion> out = new ArrayList<>(count() * repeats);
        for (int r = 0; r < repeats; r++) {
            out.addAll(shuffled(seed + r));
        }
        return out;
    }

    /**
     * A rewrite exercise: a question and its rationale about one creature, and the same question and rationale
     * about another, as FedCoT's decoding asks the SLM to write them.
     *
     * @param shown the question and rationale given (what the server saw and answered)
     * @param asked the question to answer in the same way, with the rationale that does
     */
    record Rewrite(WorldQuestion shown, WorldQuestion asked) {}

    /**
     * {@code count} rewrite exercises. The kind each rationale states is drawn at random, not the creature's
     * own, so the exercises teach the SLM to carry a rationale over to another question's words, and nothing of
     * which creature is of which kind. The creature shown is mostly another creature, sometimes another word of
     * the world's language (as the privacy mechanism may swap it for any word), sometimes the same one.
     */
    static List<Rewrite> rewrites(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> others = otherWords();
        List<Rewrite> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int asked = rng.nextInt(World.creatures().size());
            World.Trait trait = World.Trait.values()[rng.nextInt(World.Trait.values().length)];
            int kind = rng.nextInt(World.kinds());
            double draw = rng.nextDouble();
            String shownName = draw < 0.1
                    ? World.creatures().get(asked)
                    : draw < 0.8
                            ? World.creatures()
                                    .get(rng.nextInt(World.creatures().size()))
                            : others.get(rng.nextInt(others.size()));
            SplittableRandom choices = rng.split();
            WorldQuestion raw = question(
                    "rewrite-" + i, World.fact(World.creatures().get(asked), kind, trait), kind, choices.split());
            World.Fact shownFact = World.fact(shownName, kind, trait);
            out.add(new Rewrite(question("rewrite-" + i + "-shown", shownFact, raw.example()), raw));
        }
        return out;
    }

    /** The words of the world other than the creatures' names: kinds and values. */
    private static List<String> otherWords() {
        List<String> words = new ArrayList<>();
        for (int k = 0; k < World.kinds(); k++) {
            words.add(World.kindName(k));
            for (World.Trait t : World.Trait.values()) {
                words.add(t.value(k));
            }
        }
        return words;
    }

    /** {@code fact} as a question with four choices for the kind {@code kind} (whose value is the gold answer). */
    private static WorldQuestion question(String id, World.Fact fact, int kind, SplittableRandom rng) {
        List<String> choices = World.choices(fact.trait(), kind, rng);
        return new WorldQuestion(
                new QaExample(
                        id,
                        fact.question(),
                        null,
                        choices,
                        choices.indexOf(fact.trait().value(kind))),
                fact.rationale());
    }

    /** {@code fact} with the choices of {@code like}. */
    private static WorldQuestion question(String id, World.Fact fact, QaExample like) {
        return new WorldQuestion(
                new QaExample(id, fact.question(), null, like.choices(), like.answerIndex()), fact.rationale());
    }
}
