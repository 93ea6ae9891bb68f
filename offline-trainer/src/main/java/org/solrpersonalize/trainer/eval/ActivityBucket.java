package org.solrpersonalize.trainer.eval;

/**
 * Mean ranking metrics of the users whose training events fall in one range, so that cold users are
 * visible beside the total: {@link #EVENTS} are the ranges, 1-5, 6-20 and 21 or more events (a user
 * without training events, possible only with a hand-made split, counts in the first). The catalog
 * coverage is a figure of all users together and has no bucket.
 *
 * <p>As JSON: {@code {"events":"1-5","users":52,"precision":0.012,"recall":0.06,"ndcg":0.041,
 * "map":0.02,"hitRate":0.1}}; empty buckets have 0 users and metrics 0.
 *
 * @param events the range, as in {@link #EVENTS}
 * @param users users evaluated in the range
 */
public record ActivityBucket(
    String events,
    int users,
    double precision,
    double recall,
    double ndcg,
    double map,
    double hitRate) {

  /** The ranges of training events per user. */
  public static final String[] EVENTS = {"1-5", "6-20", "21+"};

  /** The index in {@link #EVENTS} of a user with {@code trainingEvents} training events. */
  public static int indexOf(int trainingEvents) {
    return trainingEvents <= 5 ? 0 : trainingEvents <= 20 ? 1 : 2;
  }
}
