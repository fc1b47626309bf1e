/**
 * Differentially private prompt perturbation: the exponential-mechanism encoders of FedCoT-E
 * (token level over a model's input embeddings, word level over GloVe vectors), the privacy report
 * of a perturbed file, and TokenRatio between texts.
 */
package org.fedcot.privacy;
