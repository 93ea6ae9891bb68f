package org.solrpersonalize.trainer.demo;

import java.time.Instant;
import java.util.Objects;

/**
 * How simulated users behave. {@link #defaults(int, long)} gives the demo's values.
 *
 * @param users number of users, {@code u000000} to {@code u999999} at most
 * @param seed seed of every random draw of the simulation
 * @param inSegmentShare share of a user's sessions spent in the user's primary segment
 * @param secondaryUserShare share of users who also have a weak secondary segment
 * @param secondaryShare share of sessions a user with a secondary segment spends there
 * @param popularitySkew Zipf exponent of product popularity within a segment (0 = uniform)
 * @param medianSessions median number of sessions per user (log-normal, so a few users are heavy)
 * @param days length of the simulated period
 * @param end end of the simulated period (timestamps fall in the {@code days} before it)
 */
public record SimulationConfig(
    int users,
    long seed,
    double inSegmentShare,
    double secondaryUserShare,
    double secondaryShare,
    double popularitySkew,
    double medianSessions,
    int days,
    Instant end) {

  public static final int MAX_USERS = 1_000_000;

  /** A fixed end, so that a seed alone fixes every timestamp. */
  public static final Instant DEFAULT_END = Instant.parse("2025-06-30T00:00:00Z");

  public SimulationConfig {
    if (users < 1 || users > MAX_USERS) {
      throw new IllegalArgumentException("users must be in [1, " + MAX_USERS + "], got " + users);
    }
    requireShare(inSegmentShare, "inSegmentShare");
    requireShare(secondaryUserShare, "secondaryUserShare");
    requireShare(secondaryShare, "secondaryShare");
    if (inSegmentShare + secondaryShare > 1) {
      throw new IllegalArgumentException(
          "inSegmentShare + secondaryShare must be <= 1, got " + (inSegmentShare + secondaryShare));
    }
    if (!(popularitySkew >= 0) || popularitySkew > 5) {
      throw new IllegalArgumentException("popularitySkew must be in [0, 5], got " + popularitySkew);
    }
    if (!(medianSessions >= 1) || medianSessions > 1000) {
      throw new IllegalArgumentException(
          "medianSessions must be in [1, 1000], got " + medianSessions);
    }
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1, got " + days);
    }
    Objects.requireNonNull(end, "end");
  }

  /** 80% of sessions in the primary segment, a third of users with a weak secondary one. */
  public static SimulationConfig defaults(int users, long seed) {
    return new SimulationConfig(users, seed, 0.8, 0.35, 0.12, 0.9, 4, 90, DEFAULT_END);
  }

  private static void requireShare(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
    }
  }
}
