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
     * which creature is of which kind. Every creature is asked about equally often, so that the SLM learns to
     * write each name it is asked about (one asked less often than others was written as another name). The
     * question shown is the asked one as the privacy mechanism sends it: its name is mostly another creature's,
     * sometimes another word (of the world, of the server's prompt, a piece of a name), sometimes the same; and
     * each other word the mechanism perturbs (lower-case, four letters or more: "does") is swapped for such a
     * word half of the time, as the reference's defaults perturb stopwords too.
     */
    static List<Rewrite> rewrites(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<String>> others = otherWords();
        List<Rewrite> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int asked = i % World.creatures().size();
            World.Trait trait = World.Trait.values()[rng.nextInt(World.Trait.values().length)];
            int kind = rng.nextInt(World.kinds());
            double draw = rng.nextDouble();
            String shownName =
                    draw < 0.1 ? World.creatures().get(asked) : draw < 0.7 ? anyCreature(rng) : anyOf(others, rng);
            SplittableRandom choices = rng.split();
            WorldQuestion raw = question(
                    "rewrite-" + i, World.fact(World.creatures().get(asked), kind, trait), kind, choices.split());
            World.Fact shownFact = World.fact(shownName, kind, trait);
            String shownQuestion = perturbed(shownFact.question(), shownName, others, rng);
            out.add(new Rewrite(question("rewrite-" + i + "-shown", shownFact, shownQuestion, raw.example()), raw));
        }
        return out;
    }

    /** {@code question} with each word the mechanism perturbs besides {@code name} swapped half of the time. */
    private static String perturbed(String question, String name, List<List<String>> others, SplittableRandom rng) {
        StringBuilder out = new StringBuilder();
        for (String word : question.split(" ", -1)) {
            boolean perturbable =
                    !word.equals(name) && word.length() >= 4 && word.chars().allMatch(Character::isLowerCase);
            String swapped = rng.nextBoolean() ? rng.nextBoolean() ? anyCreature(rng) : anyOf(others, rng) : word;
            out.append(out.isEmpty() ? "" : " ").append(perturbable ? swapped : word);
        }
        return out.toString();
    }

    private static String anyCreature(SplittableRandom rng) {
        return World.creatures().get(rng.nextInt(World.creatures().size()));
    }

    /** Any of {@code groups}' words, each group as likely as the others. */
    private static String anyOf(List<List<String>> groups, SplittableRandom rng) {
        List<String> group = groups.get(rng.nextInt(groups.size()));
        return group.get(rng.nextInt(group.size()));
    }

    /**
     * Words other than the creatures' names that the mechanism sends in a name's place, in three groups: the
     * world's kinds and values, the words of the server's request (its instruction and worked example), and the
     * first four letters of each name (pieces of the vocabulary the mechanism draws too).
     */
    private static List<List<String>> otherWords() {
        Set<String> world = new LinkedHashSet<>();
        for (int k = 0; k < World.kinds(); k++) {
            world.add(World.kindName(k));
            for (World.Trait t : World.Trait.values()) {
                world.add(t.value(k));
            }
        }
        Set<String> request = new LinkedHashSet<>();
        for (String w : RationalePrompts.request("").split("[^A-Za-z]+")) {
            if (w.length() >= 4) {
                request.add(w);
            }
        }
        List<String> pieces = World.creatures().stream()
                .map(n -> n.substring(0, 4))
                .distinct()
                .toList();
        return List.of(List.copyOf(world), List.copyOf(request), pieces);
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

    /** {@code fact} asked as {@code question}, with the choices of {@code like}. */
    private static WorldQuestion question(String id, World.Fact fact, String question, QaExample like) {
        return new WorldQuestion(
                new QaExample(id, question, null, like.choices(), like.answerIndex()), fact.rationale());
    }
}
