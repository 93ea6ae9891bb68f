package org.solrpersonalize.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.lucene.util.IOUtils;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.common.SolrDocument;
import org.solrpersonalize.launcher.TwoCoreSolr;
import org.solrpersonalize.trainer.demo.DemoDataset;
import org.solrpersonalize.trainer.interleaving.InterleavingReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/demo}: starts a real Solr on 127.0.0.1, indexes a generated shop, trains, publishes,
 * and prints one query's unpersonalized top 10 beside the personalized top 10 of two users from
 * different taste segments.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Run the whole flow on an embedded Solr and print side-by-side result pages.")
public final class Demo implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "8983",
      description = "Solr port on 127.0.0.1 (0: any free port).")
  int port;

  @Option(
      names = "--data",
      defaultValue = "demo-data",
      description = "Folder for generated data, model and Solr home.")
  Path data;

  @Option(names = "--products", defaultValue = "20000", description = "Catalog size.")
  int products;

  @Option(names = "--users", defaultValue = "2000", description = "Simulated users.")
  int users;

  @Option(names = "--factors", defaultValue = "32", description = "ALS factors.")
  int factors;

  @Option(names = "--query", defaultValue = "black", description = "The text query to compare.")
  String query;

  @Option(
      names = "--visits",
      defaultValue = "1000",
      description = "Simulated searches on interleaved pages per candidate.")
  int visits;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of data and training.")
  long seed;

  @Option(
      names = "--keep-running",
      description = "Keep Solr running after the demo (Ctrl-C stops it).")
  boolean keepRunning;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Path home = data.resolve("solr");
    Path model = data.resolve("model");
    IOUtils.rm(home, model); // every demo run starts from a clean catalog and a fresh model
    System.out.println("[1/7] generating a shop ...");
    DemoDataset dataset = DemoDataset.generate(data.resolve("shop"), products, users, seed);
    System.out.println("      " + DemoPipeline.describe(dataset));
    System.out.println("[2/7] starting Solr ...");
    TwoCoreSolr solr;
    try {
      solr = TwoCoreSolr.start(home, port);
    } catch (org.solrpersonalize.launcher.LauncherException e) {
      System.err.println("demo: " + e.getMessage());
      return 2;
    }
    try (SolrClient client = solr.client()) {
      System.out.println("      " + solr.baseUrl());
      System.out.println("[3/7] indexing the catalog ...");
      System.out.printf(
          Locale.ROOT,
          "      %,d documents%n",
          DemoPipeline.indexCatalog(client, dataset.catalogFile()));
      System.out.println("[4/7] training last month's model (the oldest 30% of the log) ...");
      Path oldLog = data.resolve("shop/interactions-last-month.csv");
      CandidateLoop.oldestShare(dataset.interactionsFile(), oldLog, 0.3);
      DemoPipeline.train(oldLog, model.resolve("last-month"), factors, seed);
      System.out.println("[5/7] publishing it ...");
      DemoPipeline.publish(model.resolve("last-month"), solr.baseUrl(), false);
      CandidateLoop loop =
          new CandidateLoop(
              client,
              dataset.userSegments(),
              dataset.productSegments(),
              DemoPipeline.RERANK_DOCS,
              seed);
      System.out.println(
          "[6/7] tonight's model (the whole log) as candidate, judged by interleaving ...");
      DemoPipeline.train(dataset.interactionsFile(), model.resolve("tonight"), factors, seed);
      judge(loop, model.resolve("tonight"), solr.baseUrl(), data.resolve("clicks-tonight.jsonl"));
      System.out.println(
          "[7/7] a broken model (users shuffled by a faulty join) as candidate, judged alike ...");
      Path broken = data.resolve("shop/interactions-users-shuffled.csv");
      CandidateLoop.shuffleUsers(dataset.interactionsFile(), broken, seed);
      DemoPipeline.train(broken, model.resolve("broken"), factors, seed);
      judge(loop, model.resolve("broken"), solr.baseUrl(), data.resolve("clicks-broken.jsonl"));
      String shownUser = printPages(client, dataset);
      System.out.printf(
          Locale.ROOT,
          "%ndone in %.0f s. Try it yourself:%n  curl -g '%s/catalog/select?q=%s&rq={!personalize+user=%s+reRankDocs=%d}&fl=id,title,score'%n",
          (System.nanoTime() - start) / 1e9,
          solr.baseUrl(),
          query,
          shownUser,
          DemoPipeline.RERANK_DOCS);
      if (keepRunning) {
        System.out.println("Solr keeps running at " + solr.baseUrl() + " (Ctrl-C stops it)");
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        solr.close();
                      } catch (Exception ignored) {
                        // shutting down anyway
                      }
                    }));
        Thread.currentThread().join();
      }
    } finally {
      if (!keepRunning) {
        solr.close();
      }
    }
    return 0;
  }

  /**
   * Publishes {@code modelDir} as candidate, lets the simulated shoppers click on interleaved
   * pages, prints the report and promotes the candidate when the verdict says so.
   */
  private void judge(CandidateLoop loop, Path modelDir, String solrUrl, Path clickLog)
      throws Exception {
    DemoPipeline.publish(modelDir, solrUrl, true);
    InterleavingReport report = loop.run(visits, 10, clickLog, seed);
    for (String line : report.toTable().split("\n")) {
      System.out.println("      " + line);
    }
    if (report.verdict() == InterleavingReport.Verdict.PROMOTE) {
      DemoPipeline.promote(solrUrl);
      System.out.println("      promoted: the candidate is now the active model");
    } else {
      System.out.println("      not promoted: the active model keeps serving");
    }
    System.out.printf(
        Locale.ROOT,
        "      clicks logged in %s (bin/trainer interleaving-report --clicks %s)%n",
        clickLog,
        clickLog);
  }

  /** Prints the three pages side by side; returns the first shown user, for the curl example. */
  private String printPages(SolrClient client, DemoDataset dataset) throws Exception {
    Map<String, String> productSegments = dataset.productSegments();
    Map<String, String> userSegments = dataset.userSegments();
    Map<String, Integer> activity = interactionsPerUser(dataset);
    String userA = shownUserOf(userSegments, activity, 0);
    String userB = shownUserOf(userSegments, activity, 1);
    List<SolrDocument> plain = DemoPipeline.page(client, query, null, 10);
    List<SolrDocument> a = DemoPipeline.page(client, query, userA, 10);
    List<SolrDocument> b = DemoPipeline.page(client, query, userB, 10);
    System.out.printf(
        Locale.ROOT,
        "%nq=%s, personalized by rq={!personalize user=U reRankDocs=%d}%n%-46s | %-46s | %-46s%n",
        query,
        DemoPipeline.RERANK_DOCS,
        "unpersonalized",
        label(userA, userSegments, activity),
        label(userB, userSegments, activity));
    System.out.println("-".repeat(144));
    for (int i = 0; i < 10; i++) {
      System.out.printf(
          Locale.ROOT,
          "%-46s | %-46s | %-46s%n",
          cell(plain, i, productSegments),
          cell(a, i, productSegments),
          cell(b, i, productSegments));
    }
    System.out.printf(
        Locale.ROOT,
        "%-46s | %-46s | %-46s%n",
        "",
        share(a, productSegments, userSegments.get(userA), plain),
        share(b, productSegments, userSegments.get(userB), plain));
    return userA;
  }

  private static String label(
      String user, Map<String, String> segments, Map<String, Integer> activity) {
    return String.format(
        Locale.ROOT,
        "%s (%s, %d events)",
        user,
        segments.get(user),
        activity.getOrDefault(user, 0));
  }

  private static String share(
      List<SolrDocument> page,
      Map<String, String> products,
      String segment,
      List<SolrDocument> plain) {
    return String.format(
        Locale.ROOT,
        "%s: %.0f%% of top 10 (unpersonalized %.0f%%)",
        segment,
        100 * DemoPipeline.segmentShare(page, products, segment),
        100 * DemoPipeline.segmentShare(plain, products, segment));
  }

  private static String cell(List<SolrDocument> page, int i, Map<String, String> segments) {
    if (i >= page.size()) {
      return "";
    }
    String id = (String) page.get(i).getFieldValue("id");
    String title = (String) page.get(i).getFieldValue("title");
    String text = "[" + segments.get(id) + "] " + title;
    return text.length() > 46 ? text.substring(0, 45) + "~" : text;
  }

  /**
   * The most active user (ties by id) of the n-th segment in alphabetical order: a user with a real
   * history shows what the model learned; the first user by id may have viewed two items.
   */
  static String shownUserOf(
      Map<String, String> userSegments, Map<String, Integer> activity, int n) {
    TreeMap<String, String> bySegment = new TreeMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(userSegments).entrySet()) {
      bySegment.merge(
          e.getValue(),
          e.getKey(),
          (best, candidate) ->
              activity.getOrDefault(candidate, 0) > activity.getOrDefault(best, 0)
                  ? candidate
                  : best);
    }
    return bySegment.values().stream().skip(n).findFirst().orElseThrow();
  }

  /** Interaction lines per user id (the first CSV column). */
  static Map<String, Integer> interactionsPerUser(DemoDataset dataset) throws java.io.IOException {
    Map<String, Integer> counts = new java.util.HashMap<>();
    try (var lines = Files.lines(dataset.interactionsFile())) {
      lines
          .skip(1)
          .forEach(line -> counts.merge(line.substring(0, line.indexOf(',')), 1, Integer::sum));
    }
    return counts;
  }

  public static void main(String[] args) {
    String version = System.getProperty("java.specification.version");
    if (Integer.parseInt(version.startsWith("1.") ? "8" : version.split("\\.")[0]) < 17) {
      System.err.println("demo: needs Java 17 or newer, this is Java " + version);
      System.exit(2);
    }
    System.exit(new CommandLine(new Demo()).execute(args));
  }
}
