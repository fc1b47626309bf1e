/**
 * Differentially private prompt perturbation: the exponential-mechanism encoders of FedCoT-E.
 *
 * <p>Start at {@link org.fedcot.privacy.Perturbers#open}: it reads GloVe word vectors (word level)
 * or a model's input embedding with its tokenizer (token level) and returns a
 * {@link org.fedcot.privacy.TextPerturber} for the {@link org.fedcot.privacy.PerturbOptions}
 * (mechanism rantext, santext, santext-euclidean or custext, eps, numbers, stopwords, sensitive words). Its
 * {@link org.fedcot.privacy.PerturbationCounts} make a {@link org.fedcot.privacy.PrivacyReport};
 * {@link org.fedcot.privacy.TokenRatio} measures how much of a text survived. What each mechanism
 * guarantees is in privacy/README.md.
 */
package org.fedcot.privacy;
