package org.solrpersonalize.bench;

import java.util.SplittableRandom;
import org.solrpersonalize.format.RecentItems;
import org.solrpersonalize.trainer.publish.PublishOptions;

/**
 * Seen items for the bench's synthetic models: each user has seen {@link
 * PublishOptions#DEFAULT_SEEN_MAX} distinct products drawn at random (seeded), as many as a publish
 * stores by default, so {@code seen=exclude|demote} pay for the largest default set of seen items.
 */
final class SyntheticSeenItems {
  private SyntheticSeenItems() {}

  static RecentItems of(int users, int items, long seed) {
    int perUser = Math.min(PublishOptions.DEFAULT_SEEN_MAX, items);
    int[] starts = new int[users + 1];
    int[] rows = new int[users * perUser];
    SplittableRandom random = new SplittableRandom(seed);
    for (int u = 0; u < users; u++) {
      starts[u + 1] = starts[u] + perUser;
      int filled = 0;
      while (filled < perUser) {
        int item = random.nextInt(items);
        boolean repeated = false;
        for (int i = starts[u]; i < starts[u] + filled && !repeated; i++) {
          repeated = rows[i] == item;
        }
        if (!repeated) {
          rows[starts[u] + filled++] = item;
        }
      }
    }
    return new RecentItems(starts, rows);
  }
}
