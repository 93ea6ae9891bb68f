package org.solrpersonalize.trainer.publish;

/**
 * The model queries currently use, as the users store's pointer and model documents describe it.
 *
 * @param modelId id written on every catalog document's slot fields and every user profile
 * @param slot catalog slot ({@code a} or {@code b}) holding its item fields
 * @param factors latent dimension k
 * @param clusters mixture components K
 * @param formatVersion model format version it was published with
 */
public record ActiveModel(
    String modelId, String slot, int factors, int clusters, int formatVersion) {}
