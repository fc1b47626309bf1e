package org.fedcot.models.tokenizer.hf;

import java.text.Normalizer;

/** A tokenizer.json normalizer: rewrites text before pre-tokenization. */
@FunctionalInterface
interface TextNormalizer {
    /** The absent normalizer ({@code "normalizer": null}). */
    TextNormalizer NONE = text -> text;

    String normalize(String text);

    /** Unicode normalization to {@code form} (HF's NFC, NFD, NFKC and NFKD normalizers). */
    static TextNormalizer unicode(Normalizer.Form form) {
        // The check is much cheaper than normalizing, and nearly all text is already in NFC.
        return text -> Normalizer.isNormalized(text, form) ? text : Normalizer.normalize(text, form);
    }

    /** This normalizer, then {@code next} (HF's Sequence). */
    default TextNormalizer andThen(TextNormalizer next) {
        return text -> next.normalize(normalize(text));
    }
}
