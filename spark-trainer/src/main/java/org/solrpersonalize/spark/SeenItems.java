package org.solrpersonalize.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.solrpersonalize.format.RecentItems;

/**
 * The model directory's {@link RecentItems} ({@value RecentItems#FILE}, what {@code publish
 * --seen-max} stores) from the Spark engine's pairs: each user's items sorted on the executors by
 * the local trainer's order (latest time first, then the higher item row), gathered user by user.
 * Every pair counts, held-out ones included, and no user's list is capped, as locally; the driver
 * holds 4 bytes per pair.
 */
final class SeenItems {
  private SeenItems() {}

  /**
   * @param pairs columns {@code u}, {@code i} and {@code time} (the pair's latest epoch
   *     milliseconds, {@link org.solrpersonalize.trainer.data.Interactions#NO_TIMESTAMP} for none),
   *     one row per pair
   * @param users rows of the model's users; every one has a pair
   */
  static RecentItems latestFirst(Dataset<Row> pairs, int users) {
    // Structs sort field by field: time, then item row, both descending, as RecentItems orders.
    Dataset<Row> lists =
        pairs
            .groupBy("u")
            .agg(sort_array(collect_list(struct(col("time"), col("i"))), false).as("seen"));
    int[][] perUser = new int[users][];
    long entries = 0;
    Iterator<Row> rows = lists.toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      List<Row> seen = row.getList(1);
      int[] items = new int[seen.size()];
      for (int j = 0; j < items.length; j++) {
        items[j] = seen.get(j).getInt(1);
      }
      perUser[row.getInt(0)] = items;
      entries += items.length;
    }
    int[] starts = new int[users + 1];
    int[] items = new int[Math.toIntExact(entries)];
    for (int u = 0; u < users; u++) {
      int[] mine = perUser[u] == null ? new int[0] : perUser[u];
      System.arraycopy(mine, 0, items, starts[u], mine.length);
      starts[u + 1] = starts[u] + mine.length;
    }
    return new RecentItems(starts, items);
  }
}
