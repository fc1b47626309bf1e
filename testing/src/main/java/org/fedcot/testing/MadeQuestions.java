package org.fedcot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A small multiple-choice task the tests write themselves, so tests of runs, evaluation and prompts need no real
 * data set: 22 questions in CQA's JSON-lines layout (id, question, five choices, the gold choice's text, the two
 * explanations), "Where would you most likely find a fork?" and the like. Each asks about another object, so no
 * question is part of another; the gold choice moves through the five positions. Beside them, word vectors for
 * their words in GloVe's text format (random but seeded: a mechanism needs neighbours, not meaning).
 */
public final class MadeQuestions {
    /** How many questions {@link #lines()} gives. */
    public static final int COUNT = 22;
    /** How many of them {@link #write} puts in the training file; the others go to the test file. */
    public static final int TRAIN = 16;

    private static final String[][] THINGS = {
        {"fork", "kitchen"},
        {"pillow", "bedroom"},
        {"towel", "bathroom"},
        {"novel", "library"},
        {"swing", "park"},
        {"stapler", "office"},
        {"shovel", "garden"},
        {"chalkboard", "school"},
        {"anchor", "harbor"},
        {"ticket", "station"},
        {"melon", "market"},
        {"curtain", "theater"},
        {"stethoscope", "hospital"},
        {"tractor", "farm"},
        {"seashell", "beach"},
        {"suitcase", "airport"},
        {"croissant", "bakery"},
        {"statue", "museum"},
        {"scoreboard", "stadium"},
        {"pinecone", "forest"},
        {"giraffe", "zoo"},
        {"saddle", "stable"}
    };
    private static final String[] ASKED = {
        "Where would you most likely find a %s?",
        "Where do people usually keep a %s?",
        "Which place is the home of a %s?"
    };
    private static final int CHOICES = 5;
    private static final int DIMENSION = 8;

    private MadeQuestions() {}

    /** Every question as one CQA JSON line (only letters, spaces and '?' inside the strings), in a fixed order. */
    public static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String thing = THINGS[i][0];
            String place = THINGS[i][1];
            lines.add("{\"id\":\"made-%d\",\"question\":\"%s\",\"choices\":[\"%s\"],\"answer\":\"%s\","
                            .formatted(i, question(i), String.join("\",\"", choices(i)), place)
                    + "\"abstractive_explanation\":\"a %s is kept in a %s\",\"extractive_explanation\":\"%s\"}"
                            .formatted(thing, place, thing));
        }
        return lines;
    }

    /** Writes the first {@link #TRAIN} questions to {@code train} and the others to {@code test}. */
    public static void write(Path train, Path test) throws IOException {
        List<String> lines = lines();
        Files.write(train, lines.subList(0, TRAIN));
        Files.write(test, lines.subList(TRAIN, COUNT));
    }

    /** Writes a vector for every word of the questions and their choices to {@code file}, in GloVe's text format. */
    public static void writeVectors(Path file) throws IOException {
        TreeSet<String> words = new TreeSet<>();
        for (int i = 0; i < COUNT; i++) {
            for (String word : (question(i) + " " + String.join(" ", choices(i)))
                    .toLowerCase()
                    .split("[^a-z]+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        Random random = new Random(11);
        List<String> rows = new ArrayList<>();
        for (String word : words) {
            StringBuilder row = new StringBuilder(word);
            for (int d = 0; d < DIMENSION; d++) {
                row.append(' ').append(random.nextFloat() * 2 - 1);
            }
            rows.add(row.toString());
        }
        Files.write(file, rows);
    }

    private static String question(int i) {
        return ASKED[i % ASKED.length].formatted(THINGS[i][0]);
    }

    /** Four other questions' places, the gold place put in at position i mod 5. */
    private static List<String> choices(int i) {
        List<String> choices = new ArrayList<>();
        for (int k = 1; choices.size() < CHOICES - 1; k++) {
            choices.add(THINGS[(i + 3 * k) % COUNT][1]);
        }
        choices.add(i % CHOICES, THINGS[i][1]);
        return choices;
    }
}
