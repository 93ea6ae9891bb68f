package org.solrpersonalize.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.TrainedModel;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.cli.TrainerCli;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.demo.CatalogFile;
import org.solrpersonalize.trainer.demo.DemoDataset;
import org.solrpersonalize.trainer.demo.Product;
import org.solrpersonalize.trainer.progress.ProgressBars;
import org.solrpersonalize.trainer.progress.TrainingProgressBars;

/** Generate, index, train, publish: the steps the demo and the end-to-end tests share. */
public final class DemoPipeline {
  private DemoPipeline() {}

  /** Indexes {@code catalog.jsonl} into the catalog core; returns the number of documents. */
  public static int indexCatalog(SolrClient client, Path catalogFile) throws Exception {
    List<SolrInputDocument> batch = new ArrayList<>();
    int[] count = {0};
    Exception[] failure = {null};
    CatalogFile.read(
        catalogFile,
        p -> {
          batch.add(productDocument(p));
          count[0]++;
          if (batch.size() == 1000 && failure[0] == null) {
            try {
              client.add("catalog", batch);
            } catch (Exception e) {
              failure[0] = e;
            }
            batch.clear();
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    if (!batch.isEmpty()) {
      client.add("catalog", batch);
    }
    client.commit("catalog");
    return count[0];
  }

  /**
   * The catalog document of a product (the demo's and the benchmark's): id, title, description when
   * there is one, category, brand, price, stock and tags; no model fields.
   */
  public static SolrInputDocument productDocument(Product p) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField("id", p.id());
    doc.setField("title", p.title());
    if (p.description() != null) {
      doc.setField("description", p.description());
    }
    doc.setField("category", p.category());
    doc.setField("brand", p.brand());
    doc.setField("price", (float) p.price());
    doc.setField("stock", p.stock());
    doc.setField("tags", p.tags());
    return doc;
  }

  /**
   * Trains through the trainer's library call ({@link Trainer#fit}) with the CLI's defaults, {@code
   * --clusters auto}, progress bars on stderr; writes the model directory and prints its id and
   * shape.
   */
  public static void train(Path interactions, Path modelDir, int factors, long seed)
      throws IOException {
    TrainingConfig config =
        TrainingConfig.builder()
            .factors(factors)
            .clustering(ClusteringConfig.withComponents(ClusteringConfig.AUTO))
            .seed(seed)
            .build();
    TrainedModel model =
        Trainer.fit(
            List.of(interactions),
            LoadOptions.DEFAULT,
            config,
            new TrainingProgressBars(new ProgressBars(System.err, true), System.err));
    model.writeTo(modelDir);
    ModelManifest manifest = model.manifest();
    System.out.printf(
        Locale.ROOT,
        "      model %s: %,d users, %,d items, k=%d factors, K=%d clusters (%s)%n",
        manifest.modelId(),
        manifest.users(),
        manifest.items(),
        manifest.factors(),
        manifest.clusters(),
        manifest.covarianceType());
  }

  /** Publishes through {@code bin/trainer publish}, as candidate when {@code candidate}. */
  public static void publish(Path modelDir, String solrUrl, boolean candidate) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("publish", "--model", modelDir.toString(), "--solr", solrUrl, "--no-progress"));
    if (candidate) {
      args.add("--candidate");
    }
    run(args.toArray(String[]::new));
  }

  /** Makes the candidate the active model ({@code bin/trainer promote}). */
  public static void promote(String solrUrl) {
    run("promote", "--solr", solrUrl);
  }

  private static void run(String... args) {
    int code = TrainerCli.run(args);
    if (code != 0) {
      throw new IllegalStateException(args[0] + " exited with " + code);
    }
  }

  /**
   * The demo's rerank window. A broad query such as "black" matches ~2,400 of 20k products, and
   * BM25 favours some segments' titles, so a window of the top 1,000 can hold almost none of a
   * segment's products; 3,000 covers the whole result set and still costs a few milliseconds.
   */
  public static final int RERANK_DOCS = 3000;

  /** Top ids for a query, personalized for a user when {@code user} is not null. */
  public static List<SolrDocument> page(SolrClient client, String q, String user, int rows)
      throws Exception {
    SolrQuery query = new SolrQuery(q);
    query.setRows(rows);
    query.setFields("id", "title", "category", "score");
    if (user != null) {
      query.set("rq", "{!personalize user=" + user + " reRankDocs=" + RERANK_DOCS + "}");
    }
    return client.query("catalog", query).getResults();
  }

  /** Share of documents whose product belongs to {@code segment}. */
  public static double segmentShare(
      List<SolrDocument> page, Map<String, String> productSegments, String segment) {
    long hits =
        page.stream()
            .filter(d -> segment.equals(productSegments.get((String) d.getFieldValue("id"))))
            .count();
    return page.isEmpty() ? 0 : (double) hits / page.size();
  }

  static String describe(DemoDataset data) {
    return String.format(
        Locale.ROOT,
        "%,d products, %,d users, %,d interactions",
        data.products(),
        data.simulation().users(),
        data.simulation().interactions());
  }
}
