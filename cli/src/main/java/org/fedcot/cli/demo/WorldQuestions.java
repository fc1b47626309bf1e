package org.fedcot.cli.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.fedcot.eval.data.QaExample;
import org.fedcot.pipeline.prompt.RationalePrompts;

/**
 * The questions of the demo's {@link World}: the task (every creature asked about every trait, each pair once),
 * the teacher's lessons (every pair, with its true rationale), and the rewrite exercises the client's SLM is
 * pretrained on (a question and rationale about one creature, rewritten about another).
 */
final class WorldQuestions {
    /** The one word of the questions, besides the creature, that the reference's token set perturbs. */
    private static final String DOES = " does ";

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
     * {@code count} rewrite exercises, each creature asked about equally often (26 or 27 times in 6,000; rounds
     * of every creature in random order). The kind each rationale states is drawn at random, not the creature's
     * own, so the exercises teach the SLM to carry a rationale over to another question's words, and nothing of
     * which creature is of which kind. The question shown is the asked one as the privacy mechanism sends it:
     * its creature's name mostly swapped for another creature, sometimes for a word of the request or the world
     * or for a piece of a name (as the mechanism may swap it for any token), sometimes kept; and its "does", the
     * one other word the mechanism perturbs, swapped half of the time.
     */
    static List<Rewrite> rewrites(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> words = otherWords();
        List<Integer> creatures = new ArrayList<>(count);
        while (creatures.size() < count) {
            List<Integer> round = new ArrayList<>(World.creatures().size());
            for (int c = 0; c < World.creatures().size(); c++) {
                round.add(c);
            }
            Collections.shuffle(round, rng);
            creatures.addAll(round.subList(0, Math.min(round.size(), count - creatures.size())));
        }
        List<Rewrite> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String asked = World.creatures().get(creatures.get(i));
            World.Trait trait = World.Trait.values()[rng.nextInt(World.Trait.values().length)];
            int kind = rng.nextInt(World.kinds());
            double draw = rng.nextDouble();
            String shownName = draw < 0.15 ? asked : draw < 0.7 ? otherCreature(rng) : swappedWord(words, rng);
            WorldQuestion raw = question("rewrite-" + i, World.fact(asked, kind, trait), kind, rng.split());
            World.Fact shown = World.fact(shownName, kind, trait);
            String sent = shown.question();
            if (sent.contains(DOES) && rng.nextBoolean()) {
                sent = sent.replace(DOES, " " + swappedWord(words, rng) + " ");
            }
            World.Fact shownSent = new World.Fact(shownName, trait, sent, shown.rationale());
            out.add(new Rewrite(question("rewrite-" + i + "-shown", shownSent, raw.example()), raw));
        }
        return out;
    }

    private static String otherCreature(SplittableRandom rng) {
        return World.creatures().get(rng.nextInt(World.creatures().size()));
    }

    /**
     * A word the mechanism may put in a perturbed word's place other than a whole creature name: half the time a
     * word of the world or of the request's fixed text, half the time three or four letters of a creature's name
     * (the tokenizer's pieces of names are tokens too).
     */
    private static String swappedWord(List<String> words, SplittableRandom rng) {
        if (rng.nextBoolean()) {
            return words.get(rng.nextInt(words.size()));
        }
        String name = otherCreature(rng);
        int length = 3 + rng.nextInt(2);
        return rng.nextBoolean() ? name.substring(0, length) : name.substring(name.length() - length);
    }

    /** The words of the world other than the creatures' names (kinds and values) and those of the request. */
    private static List<String> otherWords() {
        Set<String> words = new LinkedHashSet<>();
        for (int k = 0; k < World.kinds(); k++) {
            words.add(World.kindName(k));
        }
        for (World.Trait t : World.Trait.values()) {
            words.addAll(t.options());
        }
        for (String w : RationalePrompts.request("").split("[^A-Za-z]+")) {
            if (w.length() > 2) {
                words.add(w);
            }
        }
        return List.copyOf(words);
    }

    /** {@code fact} as a question with four choices for the kind {@code kind} (whose value is the gold answer). */
    private static WorldQuestion question(String id, World.Fact fact, int kind, SplittableRandom rng) {
        List<String> choices = World.choices(fact.trait(), rng);
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
