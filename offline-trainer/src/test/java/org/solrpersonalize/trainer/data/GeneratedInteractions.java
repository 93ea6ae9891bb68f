package org.solrpersonalize.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * Small interaction logs made by a rule, for tests: users {@code u0..}, items {@code <prefix>0..},
 * every user with the same number of interactions, listed user by user.
 */
public final class GeneratedInteractions {
  private GeneratedInteractions() {}

  /**
   * @param item the item index of user {@code u}'s {@code j}-th interaction
   * @param weight its weight
   */
  public static Interactions of(
      int users,
      int items,
      String itemPrefix,
      int perUser,
      IntBinaryOperator item,
      IntBinaryOperator weight,
      String fingerprint) {
    List<String> userIds = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      userIds.add("u" + u);
    }
    List<String> itemIds = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      itemIds.add(itemPrefix + i);
    }
    int n = users * perUser;
    int[] userIndex = new int[n];
    int[] itemIndex = new int[n];
    float[] weights = new float[n];
    for (int u = 0, e = 0; u < users; u++) {
      for (int j = 0; j < perUser; j++, e++) {
        userIndex[e] = u;
        itemIndex[e] = item.applyAsInt(u, j);
        weights[e] = weight.applyAsInt(u, j);
      }
    }
    return Interactions.fromTriples(
        userIds, itemIds, userIndex, itemIndex, weights, null, fingerprint);
  }
}
