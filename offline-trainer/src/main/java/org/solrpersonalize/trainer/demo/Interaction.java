package org.solrpersonalize.trainer.demo;

/**
 * One simulated event: user and product by index ({@link InteractionSimulator#userId(int)}, {@link
 * CatalogGenerator#productId(int)}), at {@code epochSecond}.
 */
public record Interaction(int user, int product, InteractionEvent event, long epochSecond) {}
