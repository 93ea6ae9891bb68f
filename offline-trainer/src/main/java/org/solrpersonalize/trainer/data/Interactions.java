package org.solrpersonalize.trainer.data;

import java.util.List;

/**
 * Loaded interactions: ids interned in first-seen order and the weights as CSR matrices in both
 * directions.
 *
 * @param userIds user id of each row of {@code userItems}
 * @param itemIds item id of each column of {@code userItems}
 * @param userItems users x items, repeated pairs summed
 * @param itemUsers the transpose of {@code userItems}
 * @param timestamps epoch milliseconds of each entry of {@code userItems} (aligned with its {@code
 *     cols}), the latest when a pair repeats; {@link #NO_TIMESTAMP} for pairs without; null when no
 *     line had a time
 * @param fingerprint {@code sha256:<hex>} of the bytes of every input file, in order
 * @param summary line counts
 */
public record Interactions(
    List<String> userIds,
    List<String> itemIds,
    CsrMatrix userItems,
    CsrMatrix itemUsers,
    long[] timestamps,
    String fingerprint,
    LoadSummary summary) {

  /** Timestamp value of an interaction without a time. */
  public static final long NO_TIMESTAMP = ParsedLine.NO_TIMESTAMP;

  /**
   * Builds interactions from indexed triples (generated data, tests), merging repeated pairs as the
   * loader does; as there, a triple of weight 0 is dropped and counted, not a positive.
   *
   * @param timestamps epoch milliseconds per triple, or null
   * @throws IllegalArgumentException for an index out of range or a weight that is negative or not
   *     finite
   */
  public static Interactions fromTriples(
      List<String> userIds,
      List<String> itemIds,
      int[] users,
      int[] items,
      float[] weights,
      long[] timestamps,
      String fingerprint) {
    int n = users.length;
    if (items.length != n
        || weights.length != n
        || (timestamps != null && timestamps.length != n)) {
      throw new IllegalArgumentException("users, items, weights and timestamps differ in length");
    }
    int kept = 0;
    for (int e = 0; e < n; e++) {
      if (users[e] < 0
          || users[e] >= userIds.size()
          || items[e] < 0
          || items[e] >= itemIds.size()) {
        throw new IllegalArgumentException("triple " + e + " has an index out of range");
      }
      if (!(weights[e] >= 0) || Float.isInfinite(weights[e])) {
        throw new IllegalArgumentException(
            "triple " + e + " has weight " + weights[e] + ", not a finite number >= 0");
      }
      if (weights[e] != 0f) {
        kept++;
      }
    }
    InteractionBuffer buffer;
    if (kept == n) {
      buffer = new InteractionBuffer(users, items, weights, timestamps, n);
    } else {
      // Copies only when something is dropped: generated sets of 10M triples stay uncopied.
      int[] keptUsers = new int[kept];
      int[] keptItems = new int[kept];
      float[] keptWeights = new float[kept];
      long[] keptTimes = timestamps == null ? null : new long[kept];
      for (int e = 0, k = 0; e < n; e++) {
        if (weights[e] != 0f) {
          keptUsers[k] = users[e];
          keptItems[k] = items[e];
          keptWeights[k] = weights[e];
          if (keptTimes != null) {
            keptTimes[k] = timestamps[e];
          }
          k++;
        }
      }
      buffer = new InteractionBuffer(keptUsers, keptItems, keptWeights, keptTimes, kept);
    }
    UserItemMatrixBuilder.Result built =
        UserItemMatrixBuilder.build(buffer, userIds.size(), itemIds.size());
    return new Interactions(
        List.copyOf(userIds),
        List.copyOf(itemIds),
        built.matrix(),
        built.matrix().transpose(),
        built.timestamps(),
        fingerprint,
        new LoadSummary(n, kept, 0, 0, built.duplicatesMerged(), n - kept));
  }

  public int users() {
    return userIds.size();
  }

  public int items() {
    return itemIds.size();
  }
}
