package org.solrpersonalize.synthetic;

/**
 * Shape of generated interactions.
 *
 * @param users number of users
 * @param items number of items
 * @param interactions number of interaction events (repeated pairs are merged on loading)
 * @param segments planted taste segments; item i belongs to segment {@code i % segments}, each user
 *     to one segment drawn uniformly
 * @param homeShare probability that an event picks an item of the user's own segment (the rest
 *     follows global popularity)
 * @param zipfExponent popularity skew: the item of rank r is drawn with weight {@code
 *     1/(r+1)^zipfExponent}, within a segment and globally
 * @param seed everything is a function of it
 */
public record SyntheticConfig(
    int users,
    int items,
    int interactions,
    int segments,
    double homeShare,
    double zipfExponent,
    long seed) {

  public SyntheticConfig {
    if (users < 1 || items < 1 || interactions < users) {
      throw new IllegalArgumentException(
          "need users >= 1, items >= 1 and interactions >= users, got "
              + users
              + ", "
              + items
              + ", "
              + interactions);
    }
    if (segments < 1 || segments > items) {
      throw new IllegalArgumentException("segments must be in [1, items], got " + segments);
    }
    if (!(homeShare >= 0 && homeShare <= 1) || !(zipfExponent >= 0)) {
      throw new IllegalArgumentException("need homeShare in [0, 1] and zipfExponent >= 0");
    }
  }

  /** A realistic shape for n events: 20 events per user, 100 per item, 16 segments. */
  public static SyntheticConfig forInteractions(int interactions, long seed) {
    return new SyntheticConfig(
        Math.max(1, interactions / 20),
        Math.max(16, interactions / 100),
        interactions,
        16,
        0.7,
        0.8,
        seed);
  }
}
