package org.solrpersonalize.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Tiny interaction logs for tests, listed one interaction at a time: {@code "u1 a 1"} is user
 * {@code u1}'s weight 1 on item {@code a}. Ids are numbered in first-seen order; no timestamps.
 */
public final class ListedInteractions {
  private ListedInteractions() {}

  /**
   * @param interactions {@code "user item weight"}, separated by single spaces (ids hold none)
   */
  public static Interactions of(String... interactions) {
    List<String> userIds = new ArrayList<>();
    List<String> itemIds = new ArrayList<>();
    int n = interactions.length;
    int[] users = new int[n];
    int[] items = new int[n];
    float[] weights = new float[n];
    for (int e = 0; e < n; e++) {
      String[] parts = interactions[e].split(" ", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException("expected 'user item weight', got " + interactions[e]);
      }
      users[e] = indexOf(userIds, parts[0]);
      items[e] = indexOf(itemIds, parts[1]);
      weights[e] = Float.parseFloat(parts[2]);
    }
    return Interactions.fromTriples(userIds, itemIds, users, items, weights, null, "test");
  }

  private static int indexOf(List<String> ids, String id) {
    int index = ids.indexOf(id);
    if (index >= 0) {
      return index;
    }
    ids.add(id);
    return ids.size() - 1;
  }
}
