package org.solrpersonalize.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.demo.DemoPipeline;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.demo.CatalogGenerator;
import org.solrpersonalize.trainer.demo.CatalogVocabulary;
import org.solrpersonalize.trainer.progress.ProgressBars;

/**
 * Sends generated catalog documents to Solr in batches from a few threads, so that indexing keeps
 * every core busy. Products come from the trainer's seeded {@link CatalogGenerator} (the bundled
 * vocabulary): product {@code i} has id {@link CatalogGenerator#productId(int)}, a title, a
 * description, category, brand, price, stock and tags, and no model fields.
 */
final class CatalogIndexer {
  /** The DenseVectorField of the built-in baseline ({@code *_knn64} in the catalog schema). */
  static final String KNN_FIELD = "vec_knn64";

  private static final int BATCH = 1000;

  private final SolrClient client;
  private final String core;
  private final int threads;
  private final Progress progress;

  CatalogIndexer(SolrClient client, String core, int threads, Progress progress) {
    this.client = client;
    this.core = core;
    this.threads = Math.max(1, threads);
    this.progress = progress;
  }

  /** Indexes products {@code from..to-1} and commits; returns the seconds it took. */
  double indexProducts(int from, int to, long seed) throws Exception {
    CatalogGenerator generator = new CatalogGenerator(CatalogVocabulary.bundled(), seed);
    return send("index", from, to, i -> DemoPipeline.productDocument(generator.product(i)));
  }

  /**
   * Writes the model's item vectors into {@link #KNN_FIELD} of products {@code 0..count-1} with
   * atomic updates (after publishing: publish rewrites documents from their stored fields, and this
   * field is not stored) and commits; returns the seconds it took.
   */
  double writeKnnVectors(ModelDirectory.Model model, int count) throws Exception {
    int k = model.k();
    float[] factors = model.itemFactors();
    return send(
        "vec_knn64",
        0,
        count,
        i -> {
          List<Float> vector = new ArrayList<>(k);
          for (int j = 0; j < k; j++) {
            vector.add(factors[i * k + j]);
          }
          SolrInputDocument doc = new SolrInputDocument();
          doc.setField("id", model.itemIds().get(i));
          doc.setField(KNN_FIELD, Map.of("set", vector));
          return doc;
        });
  }

  private double send(String task, int from, int to, IntFunction<SolrInputDocument> document)
      throws Exception {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Deque<Future<?>> inFlight = new ArrayDeque<>();
    try (ProgressBars.Bar bar = progress.bar(task, to - from)) {
      for (int at = from; at < to; at += BATCH) {
        int first = at;
        int last = Math.min(to, at + BATCH);
        inFlight.add(
            pool.submit(
                () -> {
                  List<SolrInputDocument> docs = new ArrayList<>(last - first);
                  for (int i = first; i < last; i++) {
                    docs.add(document.apply(i));
                  }
                  client.add(core, docs);
                  bar.stepBy(docs.size());
                  return null;
                }));
        while (inFlight.size() > 2 * threads) {
          await(inFlight.poll());
        }
      }
      while (!inFlight.isEmpty()) {
        await(inFlight.poll());
      }
    } finally {
      pool.shutdownNow();
    }
    client.commit(core, true, true);
    return (System.nanoTime() - start) / 1e9;
  }

  private static void await(Future<?> future) throws Exception {
    try {
      future.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }
}
