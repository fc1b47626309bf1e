package org.fedcot.privacy;

/**
 * One perturbed text.
 *
 * @param text   the perturbed text
 * @param counts what was perturbed
 */
public record Perturbation(String text, PerturbationCounts counts) {}
