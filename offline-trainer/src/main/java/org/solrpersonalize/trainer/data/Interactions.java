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
   * loader does.
   *
   * @param timestamps epoch milliseconds per triple, or null
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
    for (int e = 0; e < n; e++) {
      if (users[e] < 0
          || users[e] >= userIds.size()
          || items[e] < 0
          || items[e] >= itemIds.size()) {
        throw new IllegalArgumentException("triple " + e + " has an index out of range");
      }
    }
    UserItemMatrixBuilder.Result built =
        UserItemMatrixBuilder.build(
            new InteractionBuffer(users, items, weights, timestamps, n),
            userIds.size(),
            itemIds.size());
    return new Interactions(
        List.copyOf(userIds),
        List.copyOf(itemIds),
        built.matrix(),
        built.matrix().transpose(),
        built.timestamps(),
        fingerprint,
        new LoadSummary(n, n, 0, 0, built.duplicatesMerged()));
  }

  public int users() {
    return userIds.size();
  }

  public int items() {
    return itemIds.size();
  }
}
