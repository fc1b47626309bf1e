package org.fedcot.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scores the inversion attacks on token-level releases ({@link TokenPerturber}): both texts are encoded with the
 * vocabulary's tokenizer and the k-th token of the token set in a release stands for the k-th in its original (the
 * perturber replaces set tokens by set tokens in place; a release whose set tokens do not pair one to one, because
 * re-encoding merged a replacement with a neighbouring piece, is counted as unaligned).
 *
 * <p>Every token of the original is a unit. A token is eligible (private) when it holds a letter or a digit, unless
 * it starts a stopword the options keep: a set token the options perturb is guessed by the attacks; any other
 * eligible token (a sub-word piece of a rare word, a word too short for the set, a digit) goes out as it is, and
 * is recovered exactly when it was sent unchanged: always, except digits the number policy replaces.
 */
public final class TokenAttackEvaluation {
    private final TokenVocabulary vocabulary;
    private final PerturbOptions options;
    private final InversionAttack attack;

    /** An evaluation of releases made with {@code options} over {@code vocabulary}, the attacker holding {@code prior}. */
    public TokenAttackEvaluation(TokenVocabulary vocabulary, PerturbOptions options, AttackPrior prior) {
        this.vocabulary = vocabulary;
        this.options = options;
        this.attack = new InversionAttack(vocabulary.table(), options, prior);
    }

    /**
     * The attacks' recovery of {@code originals} from {@code releases} (the same length, in the same order).
     *
     * @throws IllegalArgumentException when the lists differ in length
     */
    public AttackScore score(List<String> originals, List<String> releases, SplittableRandom rng) {
        if (originals.size() != releases.size()) {
            throw new IllegalArgumentException(originals.size() + " originals for " + releases.size() + " releases");
        }
        List<int[]> paired = new ArrayList<>();
        List<int[]> released = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        long unaligned = 0;
        for (int i = 0; i < originals.size(); i++) {
            int[] o = vocabulary.tokenizer().encode(originals.get(i), false);
            int[] r = setRows(vocabulary.tokenizer().encode(releases.get(i), false));
            if (setRows(o).length != r.length) {
                unaligned++;
                continue;
            }
            paired.add(o);
            released.add(r);
            for (int row : r) {
                outputs.add(row);
            }
        }
        Map<Integer, InversionAttack.Guesses> guesses =
                attack.guess(outputs.stream().mapToInt(Integer::intValue).toArray(), rng);
        RecoveryTally t = new RecoveryTally();
        for (int i = 0; i < paired.size(); i++) {
            int k = 0;
            for (int id : paired.get(i)) {
                int row = vocabulary.row(id);
                if (row >= 0) {
                    int out = released.get(i)[k++];
                    setToken(t, row, guesses.get(out));
                } else {
                    otherToken(t, vocabulary.tokenizer().token(id));
                }
            }
        }
        return t.score(paired.size(), unaligned);
    }

    /** The set rows of {@code ids}' set tokens, in order. */
    private int[] setRows(int[] ids) {
        return Arrays.stream(ids).map(vocabulary::row).filter(r -> r >= 0).toArray();
    }

    /** A token of the set, original row {@code row}, whose release the attacks guessed as {@code g}. */
    private void setToken(RecoveryTally t, int row, InversionAttack.Guesses g) {
        String key = vocabulary.word(vocabulary.id(row)).toLowerCase(Locale.ROOT);
        if (!options.perturbs(key)) {
            // sent as itself: recovered by every attack, private unless a kept stopword
            t.add(true, true, true, true, !Stopwords.isStopword(key), true);
            return;
        }
        t.add(
                g.nearest()[0] == row,
                contains(g.nearest(), row),
                g.bayesian().length > 0 && g.bayesian()[0] == row,
                contains(g.bayesian(), row),
                true,
                false);
    }

    /** A token outside the set (a sub-word piece, a short word, digits, punctuation): sent unless a replaced number. */
    private void otherToken(RecoveryTally t, String piece) {
        boolean letters = piece.chars().anyMatch(Character::isLetter);
        boolean digits = piece.chars().anyMatch(Character::isDigit);
        boolean kept = !digits || options.numbers() == NumberPolicy.KEEP;
        t.add(kept, kept, kept, kept, letters || digits, kept);
    }

    private static boolean contains(int[] rows, int row) {
        for (int r : rows) {
            if (r == row) {
                return true;
            }
        }
        return false;
    }
}
