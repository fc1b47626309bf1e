package org.fedcot.cli.demo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.fedcot.eval.data.QaExample;

/**
 * The demo's built-in task: two-step counting word problems in plain English ("Anna has 5 apples. She buys
 * 3 more apples and then loses 2 of them. How many apples does Anna have now?") with four numeric choices,
 * the distractors being the count before the last change and two random counts. The worked
 * rationale names each step and its sum, which the label alone does not show. The words are common ones of
 * four letters or more, so the token-level mechanism has real neighbours to swap them with; the numbers are
 * digits, which it passes through.
 */
final class WordProblems {
    private static final List<String> WOMEN = List.of("Anna", "Lucy", "Emma", "Sarah", "Maria", "Grace", "Alice",
            "Julia", "Laura", "Helen");
    private static final List<String> MEN = List.of("Peter", "David", "James", "Oliver", "Henry", "Daniel", "Thomas",
            "Samuel", "Robert", "Frank");
    private static final List<String> THINGS = List.of("apples", "pears", "books", "pencils", "cards", "shells",
            "stamps", "cookies", "marbles", "flowers", "candles", "buttons");
    /** Verbs that add to what a person has. */
    private static final List<String> GAINS = List.of("buys", "finds", "gets", "wins", "collects", "receives");
    /** Verbs that take from it. */
    private static final List<String> LOSSES = List.of("loses", "sells", "drops", "breaks", "gives away", "throws away");

    private WordProblems() {
    }

    /** {@code count} two-step problems (the task), ids {@code prefix-0, prefix-1, ...}, the same for the same seed. */
    static List<WordProblem> generate(String prefix, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<WordProblem> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int start = 2 + rng.nextInt(8);
            boolean gainFirst = rng.nextBoolean();
            int first = 1 + rng.nextInt(gainFirst ? 9 : start - 1);
            int middle = gainFirst ? start + first : start - first;
            int second = 1 + rng.nextInt(gainFirst ? middle - 1 : 9);
            out.add(render(prefix + "-" + i, Words.pick(rng), start, List.of(new Change(gainFirst, first),
                    new Change(!gainFirst, second)), rng));
        }
        return out;
    }

    /**
     * {@code count} pairs of one-step problems with the same numbers in other words ("Anna has 5 apples. She
     * buys 3 more apples." and "David has 5 cards. He finds 3 more cards."): the few-shot exercises the client's
     * SLM is pretrained on, which teach it to follow a worked example in context as pretrained models can. None
     * is a two-step problem of the task.
     */
    static List<List<WordProblem>> oneStepPairs(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<WordProblem>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int start = 2 + rng.nextInt(17);
            boolean gain = rng.nextBoolean();
            List<Change> change = List.of(new Change(gain, 1 + rng.nextInt(gain ? 9 : start - 1)));
            out.add(List.of(render("pair-" + i + "a", Words.pick(rng), start, change, rng),
                    render("pair-" + i + "b", Words.pick(rng), start, change, rng)));
        }
        return out;
    }

    /** One change of a count: a gain or a loss of {@code amount}. */
    private record Change(boolean gain, int amount) {
        int apply(int count) {
            return gain ? count + amount : count - amount;
        }
    }

    /** The words of one problem: who, what, and a verb per change (gains and losses drawn from their lists). */
    private record Words(String name, boolean woman, String things, SplittableRandom verbs) {
        static Words pick(SplittableRandom rng) {
            boolean woman = rng.nextBoolean();
            return new Words(WordProblems.pick(woman ? WOMEN : MEN, rng), woman, WordProblems.pick(THINGS, rng),
                    rng.split());
        }

        String he() {
            return woman ? "She" : "He";
        }

        String verb(Change c) {
            return WordProblems.pick(c.gain() ? GAINS : LOSSES, verbs);
        }
    }

    /** The question, choices and worked rationale of {@code changes} applied to {@code start} things. */
    private static WordProblem render(String id, Words w, int start, List<Change> changes, SplittableRandom rng) {
        StringBuilder q = new StringBuilder(w.name() + " has " + start + " " + w.things() + ". " + w.he());
        StringBuilder r = new StringBuilder(w.name() + " starts with " + start + " " + w.things() + ". ");
        int count = start;
        int beforeLast = start;
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            String verb = w.verb(c);
            q.append(i == 0 ? " " : " and then ").append(verb).append(' ').append(c.amount())
                    .append(c.gain() ? " more" : i == 0 ? "" : " of them").append(i == 0 ? " " + w.things() : "");
            int next = c.apply(count);
            r.append(i == 0 ? w.he() : "Then " + w.he().toLowerCase()).append(' ').append(verb).append(' ')
                    .append(c.amount()).append(", so ").append(count).append(c.gain() ? " + " : " - ").append(c.amount())
                    .append(" = ").append(next).append(". ");
            beforeLast = count;
            count = next;
        }
        q.append(". How many ").append(w.things()).append(" does ").append(w.name()).append(" have now?");
        r.append("Therefore, the answer is '").append(count).append("'.");
        List<Integer> choices = choices(count, beforeLast, rng);
        List<String> texts = choices.stream().map(String::valueOf).toList();
        return new WordProblem(new QaExample(id, q.toString(), null, texts, choices.indexOf(count)), r.toString());
    }

    /**
     * The answer, the count before the last change (the slip of stopping a step early), and two counts drawn
     * from the answers' own range, in random order: no choice stands out without working the problem.
     */
    private static List<Integer> choices(int answer, int beforeLast, SplittableRandom rng) {
        Set<Integer> set = new LinkedHashSet<>(List.of(answer, beforeLast));
        while (set.size() < 4) set.add(1 + rng.nextInt(20));
        List<Integer> list = new ArrayList<>(set);
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            list.set(i, list.set(j, list.get(i)));
        }
        return list;
    }

    private static String pick(List<String> from, SplittableRandom rng) {
        return from.get(rng.nextInt(from.size()));
    }
}
