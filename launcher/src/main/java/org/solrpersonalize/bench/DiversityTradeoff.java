package org.solrpersonalize.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.util.IOUtils;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.util.NamedList;
import org.solrpersonalize.demo.DemoPipeline;
import org.solrpersonalize.launcher.TwoCoreSolr;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.TrainedModel;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.TrainingListener;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.demo.DemoDataset;
import org.solrpersonalize.trainer.publish.ModelPublisher;
import org.solrpersonalize.trainer.publish.PublishListener;
import org.solrpersonalize.trainer.publish.PublishOptions;
import org.solrpersonalize.trainer.publish.SolrTarget;

/**
 * What {@code diversity} costs and gives, on the demo's generated shop (whose users have planted
 * taste segments; {@code --shop-products}, {@code --shop-users}, by default the demo's 20,000 and
 * 2,000): the shop trained as the demo trains it ({@code --clusters auto}), with the bench's {@code
 * --factors} (the query section's k), and published into a Solr of its own, then for each of the
 * first {@value #MEASURED_USERS} users {@code q=*:*&rq={!personalize user=U reRankDocs=N
 * diversity=λ}&rows=10} for every λ of {@link #VARIANTS}: NDCG@10 of the user's planted segment (a
 * product of it is relevant; the ideal page holds ten), the page's distinct clusters and mean
 * cosine distance (the {@code personalization} section's {@code pageClusters} and {@code
 * pageCosineDistance}), and p50 latency with the variants interleaved request by request, so load
 * from elsewhere on the machine hits them alike.
 *
 * @param factors k of the shop's model (the bench's --factors)
 * @param rounds measured rounds over the users; {@code warmupRounds} run before them, unmeasured
 */
record DiversityTradeoff(
    int products,
    int users,
    int factors,
    int rerankDocs,
    int rounds,
    int warmupRounds,
    int threads,
    long seed) {
  static final int MEASURED_USERS = 200;

  /** {@code diversity} and {@code maxPerCluster} (0: none) of each measured variant. */
  static final List<double[]> VARIANTS =
      List.of(
          new double[] {0, 0}, new double[] {0.2, 0}, new double[] {0.5, 0}, new double[] {0.5, 2});

  /**
   * One variant.
   *
   * @param ndcgAt10 mean over the measured users of NDCG@10 of their planted segment
   * @param clustersPerPage mean distinct clusters of the ten documents
   * @param cosineDistance mean pairwise cosine distance of the page's item factors
   */
  record Row(
      double diversity,
      int maxPerCluster,
      double ndcgAt10,
      double clustersPerPage,
      double cosineDistance,
      double p50Ms,
      int requests) {}

  /**
   * @param factors k of the shop's model (the bench's --factors)
   * @param clusters K of the shop's model
   * @param overheadP50Ms p50 of diversity=0.5 minus p50 of diversity=0
   */
  record Result(
      int products,
      int users,
      int measuredUsers,
      int factors,
      int clusters,
      int rerankDocs,
      int rounds,
      List<Row> rows,
      double overheadP50Ms) {}

  Result run(Path dir, Progress progress) throws Exception {
    progress.phase("diversity: generating the demo shop (%,d products)", products);
    DemoDataset shop = DemoDataset.generate(dir.resolve("shop"), products, users, seed);
    progress.phase("diversity: training (k=%d, clusters auto)", factors);
    TrainedModel model =
        Trainer.fit(
            List.of(shop.interactionsFile()),
            LoadOptions.DEFAULT,
            TrainingConfig.builder()
                .factors(factors)
                .clustering(ClusteringConfig.withComponents(ClusteringConfig.AUTO))
                .seed(seed)
                .threads(threads)
                .build(),
            TrainingListener.NONE);
    Path home = dir.resolve("solr-diversity");
    try (TwoCoreSolr solr = TwoCoreSolr.start(home, 0);
        SolrClient client = solr.client()) {
      progress.phase("diversity: indexing the shop and publishing at %s", solr.baseUrl());
      DemoPipeline.indexCatalog(client, shop.catalogFile());
      new ModelPublisher(
              SolrTarget.standalone(solr.baseUrl(), "catalog", "users"),
              new PublishOptions(
                  PublishOptions.DEFAULT_BATCH_SIZE,
                  threads,
                  PublishOptions.DEFAULT_LOCK_STALE_AFTER,
                  null,
                  false),
              PublishListener.NONE)
          .publish(client, model.directory());
      Map<String, String> productSegments = shop.productSegments();
      Map<String, String> userSegments = new TreeMap<>(shop.userSegments());
      List<String> measured =
          userSegments.keySet().stream()
              .filter(u -> model.directory().userIds().contains(u))
              .limit(MEASURED_USERS)
              .toList();
      progress.phase(
          "diversity: %d users x %d variants x %d rounds (+%d warm-up)",
          measured.size(), VARIANTS.size(), rounds, warmupRounds);
      int n = VARIANTS.size();
      Latencies[] latencies = new Latencies[n];
      double[] ndcg = new double[n];
      double[] clusters = new double[n];
      double[] distance = new double[n];
      for (int v = 0; v < n; v++) {
        latencies[v] = new Latencies(rounds * measured.size());
      }
      for (int round = -warmupRounds; round < rounds; round++) {
        for (String user : measured) {
          for (int v = 0; v < n; v++) {
            SolrQuery q = query(user, VARIANTS.get(v));
            long start = System.nanoTime();
            QueryResponse rsp = client.query("catalog", q);
            long nanos = System.nanoTime() - start;
            if (round < 0) {
              continue;
            }
            latencies[v].add(nanos);
            if (round == 0) {
              NamedList<?> section = (NamedList<?>) rsp.getResponse().get("personalization");
              ndcg[v] += ndcgAt10(rsp.getResults(), productSegments, userSegments.get(user));
              clusters[v] += ((Number) section.get("pageClusters")).doubleValue();
              Object d = section.get("pageCosineDistance");
              distance[v] += d == null ? 0 : ((Number) d).doubleValue();
            }
          }
        }
      }
      List<Row> rows = new ArrayList<>();
      for (int v = 0; v < n; v++) {
        rows.add(
            new Row(
                VARIANTS.get(v)[0],
                (int) VARIANTS.get(v)[1],
                ndcg[v] / measured.size(),
                clusters[v] / measured.size(),
                distance[v] / measured.size(),
                latencies[v].percentileMillis(50),
                latencies[v].size()));
      }
      return new Result(
          products,
          users,
          measured.size(),
          factors,
          model.manifest().clusters(),
          rerankDocs,
          rounds,
          rows,
          rows.get(2).p50Ms() - rows.get(0).p50Ms());
    } finally {
      IOUtils.rm(home);
    }
  }

  /** The table's block. */
  static List<String> tableLines(Result r) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "DIVERSITY  demo shop of %,d products, %,d users, k=%d, K=%d; q=*:*&rq={!personalize"
                + " user=U reRankDocs=%d diversity=λ}&rows=10, %d users x %d rounds",
            r.products(),
            r.users(),
            r.factors(),
            r.clusters(),
            r.rerankDocs(),
            r.measuredUsers(),
            r.rounds()));
    lines.add(
        String.format(
            Locale.ROOT,
            "  %-28s %10s %16s %16s %8s",
            "variant",
            "NDCG@10",
            "clusters/page",
            "cos distance",
            "p50 ms"));
    for (Row row : r.rows()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-28s %10.4f %16.2f %16.4f %8.2f",
              "diversity="
                  + row.diversity()
                  + (row.maxPerCluster() > 0 ? " maxPerCluster=" + row.maxPerCluster() : ""),
              row.ndcgAt10(),
              row.clustersPerPage(),
              row.cosineDistance(),
              row.p50Ms()));
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "  diversity=0.5 over diversity=0: %+.2f ms p50 (target: at most +0.30 ms)",
            r.overheadP50Ms()));
    return lines;
  }

  private SolrQuery query(String user, double[] variant) {
    SolrQuery q = new SolrQuery("*:*");
    q.setRows(10);
    q.setFields("id");
    q.set(
        "rq",
        String.format(
            Locale.ROOT,
            "{!personalize user=%s reRankDocs=%d diversity=%s%s}",
            user,
            rerankDocs,
            variant[0],
            variant[1] > 0 ? " maxPerCluster=" + (int) variant[1] : ""));
    return q;
  }

  /** Binary relevance (the product is of the user's segment); the ideal page has ten. */
  static double ndcgAt10(List<SolrDocument> page, Map<String, String> products, String segment) {
    double dcg = 0;
    double ideal = 0;
    for (int p = 0; p < 10; p++) {
      double discount = 1 / (Math.log(p + 2) / Math.log(2));
      ideal += discount;
      if (p < page.size()
          && segment.equals(products.get((String) page.get(p).getFieldValue("id")))) {
        dcg += discount;
      }
    }
    return dcg / ideal;
  }
}
