package org.solrpersonalize.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.common.SolrInputDocument;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.publish.PartitionWriter;
import org.solrpersonalize.trainer.publish.PublishFailedException;
import org.solrpersonalize.trainer.publish.PublishListener;
import org.solrpersonalize.trainer.publish.PublishOptions;
import org.solrpersonalize.trainer.publish.PublishRefusedException;
import org.solrpersonalize.trainer.publish.PublishReport;
import org.solrpersonalize.trainer.publish.PublishSession;
import org.solrpersonalize.trainer.publish.SolrTarget;

/**
 * {@code publish} as a Spark job: the driver runs the publish's {@link PublishSession} (checks,
 * lock, slot, counts, commits, switch), the executors write the item fields and the profiles, one
 * Spark partition per (shard, writer): each partition writes to one shard on one connection, so a
 * shard sees at most {@code writersPerShard} writers at once, however many executors run. Every
 * partition checks the lock before each batch.
 *
 * <pre>{@code
 * PublishReport report =
 *     new SparkPublisher(spark, target, options, 2, listener).publish(model, false);
 * }</pre>
 *
 * The model directory is read on the driver (where {@code train} wrote it) and its documents are
 * shipped to the executors with their tasks: the driver needs about twice the model's size.
 */
public final class SparkPublisher {
  private final SparkSession spark;
  private final SolrTarget target;
  private final PublishOptions options;
  private final int writersPerShard;
  private final PublishListener listener;

  /**
   * @param writersPerShard partitions (concurrent writers at most) per shard, >= 1
   */
  public SparkPublisher(
      SparkSession spark,
      SolrTarget target,
      PublishOptions options,
      int writersPerShard,
      PublishListener listener) {
    if (writersPerShard < 1) {
      throw new IllegalArgumentException(
          "--writers-per-shard must be >= 1, got " + writersPerShard);
    }
    this.spark = spark;
    this.target = target;
    this.options = options;
    this.writersPerShard = writersPerShard;
    this.listener = listener;
  }

  /**
   * Publishes {@code model}; the guarantees of {@code bin/trainer publish}: killed at any point,
   * the active model stays whole, and a rerun completes.
   *
   * @param candidate record the model as the candidate ({@code publish --candidate}) instead of
   *     switching to it
   * @throws PublishRefusedException as {@link
   *     org.solrpersonalize.trainer.publish.ModelPublisher#publish}
   * @throws PublishFailedException Solr or an executor failed; the message says what the store
   *     holds
   */
  public PublishReport publish(ModelDirectory.Model model, boolean candidate)
      throws IOException, PublishFailedException {
    try (SolrClient client = target.openClient();
        PublishSession session =
            PublishSession.open(client, target, options, model, listener, candidate)) {
      return session.publish(new ExecutorWrites(client, model));
    }
  }

  /** The items and profiles of a model, written by the executors, each part into one shard. */
  private final class ExecutorWrites implements PublishSession.Writes {
    private final SolrClient client;
    private final ModelDirectory.Model model;

    ExecutorWrites(SolrClient client, ModelDirectory.Model model) {
      this.client = client;
      this.model = model;
    }

    @Override
    public Set<String> items(PublishSession session) throws IOException {
      PartitionWriter items = session.itemWriter();
      List<List<SolrInputDocument>> parts =
          partition(
              target.catalog(), model.itemIds().size(), session::itemDocument, items.uniqueKey());
      Set<String> skipped = new HashSet<>();
      try (SparkWriteProgress progress = progress("catalog", model.itemIds().size())) {
        LongAccumulator written = progress.written();
        for (Map<String, String> part :
            context()
                .parallelize(parts, parts.size())
                .map(
                    part -> {
                      Map<String, String> partSkipped = items.writeItems(part.iterator());
                      written.add(part.size());
                      return partSkipped;
                    })
                .collect()) {
          skipped.addAll(part.keySet());
        }
      }
      return skipped;
    }

    @Override
    public void profiles(PublishSession session) throws IOException {
      PartitionWriter profiles = session.profileWriter();
      List<List<SolrInputDocument>> parts =
          partition(
              target.users(),
              model.userIds().size(),
              session::profileDocument,
              profiles.uniqueKey());
      try (SparkWriteProgress progress = progress("users", model.userIds().size())) {
        LongAccumulator written = progress.written();
        context()
            .parallelize(parts, parts.size())
            .foreach(
                part -> {
                  profiles.writeProfiles(part.iterator());
                  written.add(part.size());
                });
      }
    }

    /**
     * The documents of rows {@code 0..rows-1} in {@code shards * writersPerShard} parts: part
     * {@code shard * writersPerShard + w} holds every {@code writersPerShard}-th document of that
     * shard.
     */
    private List<List<SolrInputDocument>> partition(
        String collection, int rows, IntFunction<SolrInputDocument> document, String uniqueKey)
        throws IOException {
      ShardRouting routing = ShardRouting.of(client, collection);
      int parts = routing.shards() * writersPerShard;
      List<List<SolrInputDocument>> out = new ArrayList<>(parts);
      for (int p = 0; p < parts; p++) {
        out.add(new ArrayList<>());
      }
      int[] perShard = new int[routing.shards()];
      for (int row = 0; row < rows; row++) {
        SolrInputDocument doc = document.apply(row);
        int shard = routing.shardOf((String) doc.getFieldValue(uniqueKey));
        out.get(shard * writersPerShard + perShard[shard]++ % writersPerShard).add(doc);
      }
      out.removeIf(List::isEmpty);
      return out;
    }

    /** The phase's progress: the same phase names and totals as {@code bin/trainer publish}. */
    private SparkWriteProgress progress(String phase, long total) {
      return SparkWriteProgress.start(spark.sparkContext(), listener, phase, total);
    }
  }

  private JavaSparkContext context() {
    return JavaSparkContext.fromSparkContext(spark.sparkContext());
  }
}
