package org.fedcot.models.tokenizer.hf;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Finds added tokens in a text: the leftmost match, the longest among those starting there. */
final class TokenTrie {
    private static final class Node {
        final Map<Character, Node> children = new HashMap<>();
        AddedToken token;
    }

    /** Where a token was found: {@code [start, end)} in the searched text. */
    record Match(AddedToken token, int start, int end) {}

    private final Node root = new Node();
    /** First characters of all tokens, a cheap filter before walking the trie. */
    private final BitSet firstChars = new BitSet();

    /** A trie of {@code tokens}, each found as the string {@code keyOf} gives for it. */
    TokenTrie(List<AddedToken> tokens, Function<AddedToken, String> keyOf) {
        for (AddedToken token : tokens) {
            String key = keyOf.apply(token);
            if (key.isEmpty()) {
                continue;
            }
            Node node = root;
            for (int i = 0; i < key.length(); i++) {
                node = node.children.computeIfAbsent(key.charAt(i), c -> new Node());
            }
            if (node.token == null) {
                node.token = token; // two tokens with one key: the first listed wins
            }
            firstChars.set(key.charAt(0));
        }
    }

    /** The first match at or after {@code from}, or null. */
    Match find(String text, int from) {
        for (int start = from; start < text.length(); start++) {
            if (!firstChars.get(text.charAt(start))) {
                continue;
            }
            Node node = root;
            Node longest = null;
            int end = start;
            for (int i = start; i < text.length(); i++) {
                node = node.children.get(text.charAt(i));
                if (node == null) {
                    break;
                }
                if (node.token != null) {
                    longest = node;
                    end = i + 1;
                }
            }
            if (longest != null) {
                return new Match(longest.token, start, end);
            }
        }
        return null;
    }
}
