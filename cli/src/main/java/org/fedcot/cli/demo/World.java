package org.fedcot.cli.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The demo's made-up world: creatures with nonsense names ("a bamok"), each of one kind (bird, fish, ...), and
 * the kinds' traits (where they live, what they eat, ...). Only the teacher LLM is taught which kind each
 * creature is; a question about a creature's trait is answered by that knowledge ("A bamok is a kind of bird.
 * Birds eat seeds."), as CommonsenseQA's rationales state facts about the question's entities.
 *
 * <p>The world is fixed (not drawn from a run's seed): the cached teacher knows this world and no other.
 * Creature names are single lower-case words of five letters, so the tokenizer learnt from the world's language
 * makes each one token that the privacy mechanism may swap; the traits are asked with words of at most three
 * letters ("eat", "say", "hue"), which the reference's token set leaves alone.
 */
final class World {
    /** The kinds: singular, plural, then one value per {@link Trait}, in its order; no value is used twice. */
    private static final List<List<String>> KINDS = List.of(
            List.of("bird", "birds", "trees", "seeds", "tweet", "blue", "hawks", "feathers"),
            List.of("fish", "fish", "rivers", "worms", "blub", "silver", "sharks", "scales"),
            List.of("frog", "frogs", "ponds", "flies", "croak", "green", "herons", "slime"),
            List.of("snake", "snakes", "rocks", "eggs", "hiss", "brown", "eagles", "spots"),
            List.of("mouse", "mice", "barns", "cheese", "squeak", "grey", "cats", "whiskers"),
            List.of("horse", "horses", "fields", "grass", "neigh", "white", "wolves", "manes"),
            List.of("bear", "bears", "caves", "honey", "growl", "black", "hunters", "claws"),
            List.of("crab", "crabs", "beaches", "algae", "click", "red", "gulls", "shells"));
    /** Creatures per kind. */
    static final int PER_KIND = 28;

    private static final String CONSONANTS = "bdfgklmnprstvz";
    private static final String VOWELS = "aeiou";
    /** The seed the creature names are drawn with: part of the world, like the kinds' values. */
    private static final long NAMES_SEED = 20_26;

    /** What is asked about a creature, the question's words and the rationale's sentence for its kind. */
    enum Trait {
        HOME("Where do you see a %s?", "%s live in %s."),
        FOOD("What does a %s eat?", "%s eat %s."),
        CALL("What does a %s say?", "%s say %s."),
        HUE("What hue is a %s?", "%s are %s."),
        FOE("Who can eat a %s?", "%s are eaten by %s."),
        COAT("What is on a %s?", "%s have %s.");

        private final String question;
        private final String fact;

        Trait(String question, String fact) {
            this.question = question;
            this.fact = fact;
        }

        /** The question about {@code creature}. */
        String question(String creature) {
            return String.format(question, creature);
        }

        /** The sentence saying this trait of every creature of {@code kind}. */
        String fact(int kind) {
            String plural = KINDS.get(kind).get(1);
            return String.format(fact, Character.toUpperCase(plural.charAt(0)) + plural.substring(1), value(kind));
        }

        /** This trait's value for {@code kind}. */
        String value(int kind) {
            return KINDS.get(kind).get(2 + ordinal());
        }
    }

    /**
     * One question of the world with its worked rationale.
     *
     * @param creature  the creature asked about
     * @param trait     what is asked
     * @param question  the question's words
     * @param rationale the teacher's answer: the creature's kind, the kind's trait, then the answer the way answer
     *                  parsers read it
     */
    record Fact(String creature, Trait trait, String question, String rationale) {}

    private static final List<String> NAMES = names(KINDS.size() * PER_KIND);

    private World() {}

    /** How many kinds there are. */
    static int kinds() {
        return KINDS.size();
    }

    /** Every creature, kind by kind ({@link #PER_KIND} each): creature {@code i} is of kind {@code i / PER_KIND}. */
    static List<String> creatures() {
        return NAMES;
    }

    /** The kind of creature {@code i} of {@link #creatures()}. */
    static int kindOf(int creature) {
        return creature / PER_KIND;
    }

    /** The singular name of {@code kind} ("bird"). */
    static String kindName(int kind) {
        return KINDS.get(kind).get(0);
    }

    /** The fact about a creature named {@code name} told as being of {@code kind}. */
    static Fact fact(String name, int kind, Trait trait) {
        String rationale = "A " + name + " is a kind of " + kindName(kind) + ". " + trait.fact(kind)
                + " Therefore, the answer is '" + trait.value(kind) + "'.";
        return new Fact(name, trait, trait.question(name), rationale);
    }

    /** The true fact about creature {@code creature}'s {@code trait}. */
    static Fact fact(int creature, Trait trait) {
        return fact(NAMES.get(creature), kindOf(creature), trait);
    }

    /**
     * A line naming {@code count} creatures of {@code kind} drawn at random: "Some birds: kalef, tedaz, soper."
     * A model that learns to continue "Some birds:" learns which names are birds from the names' own
     * embeddings, as a language model's pretraining puts words used alike near each other.
     *
     * @return the line's start ("Some birds:") and its continuation (" kalef, tedaz, soper.")
     */
    static List<String> roll(int kind, int count, SplittableRandom rng) {
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < count) {
            names.add(NAMES.get(kind * PER_KIND + rng.nextInt(PER_KIND)));
        }
        String plural = KINDS.get(kind).get(1);
        return List.of("Some " + plural + ":", " " + String.join(", ", names) + ".");
    }

    /**
     * Four choices for {@code trait} of {@code kind}: its value and three other kinds' values of the same trait, in
     * random order, so that no choice stands out by its form or place.
     */
    static List<String> choices(Trait trait, int kind, SplittableRandom rng) {
        Set<String> set = new LinkedHashSet<>(List.of(trait.value(kind)));
        while (set.size() < 4) {
            set.add(trait.value(rng.nextInt(KINDS.size())));
        }
        List<String> list = new ArrayList<>(set);
        Collections.shuffle(list, rng);
        return list;
    }

    /** {@code count} distinct five-letter names (consonant, vowel, consonant, vowel, consonant). */
    private static List<String> names(int count) {
        SplittableRandom rng = new SplittableRandom(NAMES_SEED);
        Set<String> words = new LinkedHashSet<>();
        KINDS.forEach(words::addAll);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < count) {
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                String from = i % 2 == 0 ? CONSONANTS : VOWELS;
                name.append(from.charAt(rng.nextInt(from.length())));
            }
            if (!words.contains(name.toString())) {
                names.add(name.toString());
            }
        }
        return List.copyOf(names);
    }
}
