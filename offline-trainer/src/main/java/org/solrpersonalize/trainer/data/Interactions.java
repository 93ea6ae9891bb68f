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
 * @param timestamps epoch milliseconds of each entry of {@code userItems} (aligned with its
 *     {@code cols}), the latest when a pair repeats; {@link #NO_TIMESTAMP} for pairs without; null
 *     when no line had a time
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

  public int users() {
    return userIds.size();
  }

  public int items() {
    return itemIds.size();
  }
}
