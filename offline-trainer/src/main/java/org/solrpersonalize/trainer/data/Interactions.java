package org.solrpersonalize.trainer.data;

import java.util.List;

/**
 * A user x item matrix of summed interaction weights, ids interned to rows and columns in
 * first-seen order, stored as compressed sparse rows both ways (user -> items, item -> users).
 */
public record Interactions(
    List<String> userIds,
    List<String> itemIds,
    int[] userPtr,
    int[] userItems,
    float[] userWeights,
    int[] itemPtr,
    int[] itemUsers,
    float[] itemWeights,
    String fingerprint) {

  public int users() {
    return userIds.size();
  }

  public int items() {
    return itemIds.size();
  }

  public int nonZeros() {
    return userItems.length;
  }
}
