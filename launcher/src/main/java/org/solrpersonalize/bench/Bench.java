package org.solrpersonalize.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.lucene.util.IOUtils;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.request.CoreAdminRequest;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.solrpersonalize.bench.training.TuningQuality;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.launcher.TwoCoreSolr;
import org.solrpersonalize.synthetic.SyntheticModels;
import org.solrpersonalize.trainer.demo.CatalogGenerator;
import org.solrpersonalize.trainer.demo.DemoDataset;
import org.solrpersonalize.trainer.demo.SimulationConfig;
import org.solrpersonalize.trainer.progress.ProgressBars;
import org.solrpersonalize.trainer.publish.ModelPublisher;
import org.solrpersonalize.trainer.publish.PublishListener;
import org.solrpersonalize.trainer.publish.PublishOptions;
import org.solrpersonalize.trainer.publish.PublishReport;
import org.solrpersonalize.trainer.publish.SolrTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench}: every speed figure of the project in one run, as one table (or {@code
 * --json}). Query time against a real Solr on 127.0.0.1 started here (text query, the personalize
 * rerank by profile and by session, full-catalog {@code userdot} sort against the built-in {@code
 * vectorSimilarity}), implicit ALS and Gaussian mixture EM training time, and publishing
 * throughput. Absolute numbers are printed, never judged; the ratios name the product's targets.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Measures query time (embedded Solr on 127.0.0.1), training time and publishing"
          + " throughput on generated data; prints one table (or JSON with --json).",
      "Progress goes to stderr, the table to stdout."
    })
public final class Bench implements Callable<Integer> {
  /** The sizes the product is built for; smaller defaults are named in the footer. */
  static final int TARGET_PRODUCTS = 1_000_000;

  static final int TARGET_MAX_INTERACTIONS = 10_000_000;
  static final int WARM_UP_ITEMS = 5_000;

  /** The item-factor cache's modes, in the order the query section runs them. */
  static final List<String> CACHE_MODES = List.of("float", "int8", "off");

  /** The catalog solrconfig's property for the item-factor cache mode. */
  static final String CACHE_PROPERTY = "pz.cache";

  /**
   * The publisher's limit on --threads ({@code PublishOptions} rejects more; no constant there).
   */
  static final int MAX_THREADS = 64;

  enum Section {
    query,
    training,
    publish,
    quality,
    diversity
  }

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "SECTION",
      description =
          "Sections to run, from query,training,publish,quality,diversity (default: all).")
  Set<Section> only;

  @Option(
      names = "--products",
      defaultValue = "250000",
      description =
          "Catalog size of the query section; its publish is the large publishing figure"
              + " (the target 1000000 does not fit in 10 minutes on 2 cores: see README).")
  int products;

  @Option(
      names = "--publish-items",
      defaultValue = "100000",
      description = "Items of the small publish, into a second, separate catalog (0: skip).")
  int publishItems;

  @Option(
      names = "--users",
      defaultValue = "10000",
      description = "User profiles in the synthetic models.")
  int users;

  @Option(
      names = "--factors",
      defaultValue = "64",
      description = "Factors k (models, ALS, GMM dimension).")
  int factors;

  @Option(
      names = "--clusters",
      defaultValue = "16",
      description = "Mixture components K (models and GMM).")
  int clusters;

  @Option(
      names = "--queries",
      defaultValue = "20",
      description = "Distinct text queries per round, from a fixed list of 20.")
  int queries;

  @Option(
      names = "--rounds",
      defaultValue = "10",
      description = "Measured rounds over the text queries.")
  int rounds;

  @Option(names = "--warmup-rounds", defaultValue = "3", description = "Unrecorded rounds first.")
  int warmupRounds;

  @Option(
      names = "--rerank-docs",
      defaultValue = "1000",
      description = "reRankDocs of (b) and (c).")
  int rerankDocs;

  @Option(
      names = "--interactions",
      split = ",",
      defaultValue = "1000000,10000000",
      description = "Generated interaction counts for implicit ALS, one run each.")
  List<Integer> interactions;

  @Option(names = "--iterations", defaultValue = "15", description = "ALS iterations.")
  int iterations;

  @Option(
      names = "--shop-products",
      defaultValue = "20000",
      description =
          "Products of the generated shop of the quality and diversity sections (bin/trainer"
              + " generate's default). Default: ${DEFAULT-VALUE}.")
  int shopProducts;

  @Option(
      names = "--shop-users",
      defaultValue = "2000",
      description =
          "Users of the generated shop of the quality and diversity sections (the diversity"
              + " section measures the first 200). Default: ${DEFAULT-VALUE}.")
  int shopUsers;

  @Option(
      names = "--gmm-rows",
      defaultValue = "100000",
      description = "Rows of the GMM EM data (0: skip).")
  int gmmRows;

  @Option(
      names = "--gmm-covariance",
      split = ",",
      defaultValue = "full,diag",
      description = "Covariance types of the GMM EM runs.")
  List<String> gmmCovariance;

  @Option(
      names = "--knn-hnsw",
      split = ",",
      defaultValue = "4,8",
      paramLabel = "M,BEAM",
      description =
          "hnswMaxConnections,hnswBeamWidth of vec_knn64 in the benchmark's Solr (Solr's"
              + " defaults: 16,100). The baseline (e) reads the vectors, never the graph; building the"
              + " graph is most of the cost of writing the field.")
  List<Integer> knnHnsw;

  @Option(
      names = "--threads",
      description = "Threads of training, indexing and publishing (default: the available cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of every generated catalog, model and data set.")
  long seed;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "Port of the query section's Solr on 127.0.0.1 (0: a free one).")
  int port;

  @Option(
      names = "--work",
      description = "Folder for the Solr homes (default: a temporary folder, deleted at the end).")
  Path work;

  @Option(names = "--json", description = "Print one JSON document instead of the table.")
  boolean json;

  @Option(
      names = "--no-progress-bars",
      description = "Only phase lines on stderr, no progress bars.")
  boolean noBars;

  private PrintStream out = System.out;
  private PrintStream err = System.err;

  public static void main(String[] args) {
    int code = run(System.out, System.err, args);
    System.exit(code);
  }

  /** Runs in-process with the given streams (tests); returns the exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    Bench bench = new Bench();
    bench.out = out;
    bench.err = err;
    CommandLine cli = new CommandLine(bench);
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    Set<Section> sections =
        only == null || only.isEmpty() ? EnumSet.allOf(Section.class) : EnumSet.copyOf(only);
    validate();
    Progress progress = new Progress(err, !noBars && System.console() != null);
    List<String> warnings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean temporary = work == null;
    Path dir = temporary ? Files.createTempDirectory("pz-bench") : Files.createDirectories(work);

    BenchReport.QuerySection query = null;
    BenchReport.TrainingSection training = null;
    BenchReport.PublishSection publish = null;
    TuningQuality.Result quality = null;
    DiversityTradeoff.Result diversity = null;
    try {
      if (sections.contains(Section.query) || sections.contains(Section.publish)) {
        CatalogRuns runs =
            catalogRuns(
                dir,
                sections.contains(Section.query),
                sections.contains(Section.publish) ? publishItems : 0,
                progress,
                warnings);
        query = runs.query;
        if (query != null) {
          notes.add(rowReadFloor(progress));
        }
        if (sections.contains(Section.publish)) {
          publish = new BenchReport.PublishSection(runs.publishes, runs.publishPeakMb);
        }
      }
      if (sections.contains(Section.training)) {
        training = training(progress);
      }
      if (sections.contains(Section.quality)) {
        progress.phase("quality: default vs tuned NDCG@10 and cold items on the generated shop");
        quality =
            TuningQuality.measure(
                dir.resolve("quality-shop"),
                shopProducts,
                shopUsers,
                factors,
                iterations,
                threads,
                seed);
      }
      if (sections.contains(Section.diversity)) {
        diversity =
            new DiversityTradeoff(
                    shopProducts,
                    shopUsers,
                    factors,
                    rerankDocs,
                    rounds,
                    warmupRounds,
                    threads,
                    seed)
                .run(dir, progress);
      }
    } finally {
      if (temporary) {
        IOUtils.rm(dir);
      }
    }
    notes.addAll(sizeNotes(sections));
    notes.add(
        "peak heap: sum of the JVM's heap pool peaks (an upper bound), the embedded Solr"
            + " included; reset between sections");
    if (query != null) {
      notes.add(
          "(e) is q={!func}vectorSimilarity(...) ranked by score: sort=vectorSimilarity(...)"
              + " fails in Solr 9.10.1 (UnsupportedOperationException); the score max(0,(1+dot)/2)"
              + " orders documents as the dot product does (for dot > -1)");
      notes.add(
          "(f) is Solr's own rerank of the same window by the same dot product (score: text +"
              + " 2 x vectorSimilarity); the query section runs once per item-factor cache mode"
              + " (pz.cache, core reloaded between runs, same requests in each), float first");
    }
    BenchReport report =
        new BenchReport(
            header(sections),
            query,
            training,
            publish,
            quality,
            diversity,
            notes,
            warnings,
            progress.elapsedSeconds());
    for (String w : warnings) {
      err.println("WARNING: " + w);
    }
    if (json) {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      out.print(BenchTable.render(report));
    }
    out.flush();
    progress.phase("done");
    return 0;
  }

  private void validate() {
    List<String> problems = new ArrayList<>();
    if (products < 10 || products > CatalogGenerator.MAX_PRODUCTS) {
      problems.add("--products must be in 10.." + CatalogGenerator.MAX_PRODUCTS);
    }
    if (publishItems < 0 || publishItems > CatalogGenerator.MAX_PRODUCTS) {
      problems.add("--publish-items must be in 0.." + CatalogGenerator.MAX_PRODUCTS);
    }
    if (users < 1
        || factors < 1
        || clusters < 1
        || rounds < 1
        || warmupRounds < 0
        || iterations < 1
        || threads < 1
        || gmmRows < 0
        || rerankDocs < 1) {
      problems.add(
          "--users, --factors, --clusters, --rounds, --iterations, --threads and"
              + " --rerank-docs must be >= 1, --warmup-rounds and --gmm-rows >= 0");
    }
    boolean publishes =
        only == null || only.contains(Section.query) || only.contains(Section.publish);
    if (publishes && threads > MAX_THREADS) {
      problems.add(
          "--threads must be at most "
              + MAX_THREADS
              + " for the query and publish sections"
              + " (the publisher's limit)");
    }
    if (knnHnsw.size() != 2
        || knnHnsw.get(0) < 1
        || knnHnsw.get(0) > 512
        || knnHnsw.get(1) < 1
        || knnHnsw.get(1) > 3200) {
      problems.add("--knn-hnsw must be M,BEAM with M in 1..512 and BEAM in 1..3200");
    }
    if (shopProducts < DemoDataset.MIN_PRODUCTS
        || shopProducts > CatalogGenerator.MAX_PRODUCTS
        || shopUsers < 1
        || shopUsers > SimulationConfig.MAX_USERS) {
      problems.add(
          "--shop-products must be in "
              + DemoDataset.MIN_PRODUCTS
              + ".."
              + CatalogGenerator.MAX_PRODUCTS
              + " and --shop-users in 1.."
              + SimulationConfig.MAX_USERS);
    }
    if (queries < 1 || queries > QueryTimer.TEXT_QUERIES.size()) {
      problems.add("--queries must be in 1.." + QueryTimer.TEXT_QUERIES.size());
    }
    for (int n : interactions) {
      if (n < 20) {
        problems.add("--interactions values must be >= 20, got " + n);
      }
    }
    if (!problems.isEmpty()) {
      throw new CommandLine.ParameterException(new CommandLine(this), String.join("; ", problems));
    }
  }

  private record CatalogRuns(
      BenchReport.QuerySection query,
      List<BenchReport.PublishRun> publishes,
      double publishPeakMb) {}

  /**
   * The Solr part. One Solr holds the catalog of --products documents. When a small publish is
   * asked for and is smaller than the catalog, its catalog is the first --publish-items documents:
   * they are indexed, the small model is published, then the rest is indexed and the large model
   * (every product) is published over it, as a retrain would; otherwise the small publish gets a
   * second Solr of its own. With the query section, vec_knn64 is then written and queries timed.
   */
  private CatalogRuns catalogRuns(
      Path dir, boolean withQueries, int smallItems, Progress progress, List<String> warnings)
      throws Exception {
    List<BenchReport.PublishRun> publishes = new ArrayList<>();
    double publishPeak = 0;
    boolean smallFirst = smallItems > 0 && smallItems < products;
    if (smallItems > 0 && !smallFirst) {
      TimedPublish small = separateSmallPublish(dir.resolve("solr-publish"), smallItems, progress);
      publishes.add(small.run);
      publishPeak = small.peakMb;
    }
    HeapPeak.reset();
    Path home = dir.resolve("solr");
    progress.phase("starting Solr (home %s)", home);
    try (TwoCoreSolr solr = startSolr(home, port);
        SolrClient client = solr.client()) {
      CatalogIndexer indexer = new CatalogIndexer(client, "catalog", threads, progress);
      int first = smallFirst ? smallItems : products;
      progress.phase("indexing %,d products (text, no model fields) at %s", first, solr.baseUrl());
      double indexSeconds = indexer.indexProducts(0, first, seed);
      double peak = HeapPeak.peakMb();
      warmUpPublish(solr, client, first, progress);
      if (smallFirst) {
        TimedPublish small =
            timedPublish(
                solr,
                client,
                model("bench-" + smallItems, smallItems),
                indexSeconds,
                "a catalog of "
                    + String.format(Locale.ROOT, "%,d", smallItems)
                    + " documents (the first part of the query catalog)",
                progress);
        publishPeak = Math.max(publishPeak, small.peakMb);
        publishes.add(small.run);
        progress.phase("indexing %,d more products", products - first);
      }
      HeapPeak.reset();
      double largeIndex = first == products ? 0 : indexer.indexProducts(first, products, seed);
      indexSeconds += largeIndex;
      peak = Math.max(peak, HeapPeak.peakMb());
      ModelDirectory.Model model = model("bench-" + products, products);
      TimedPublish large =
          timedPublish(
              solr,
              client,
              model,
              indexSeconds,
              (withQueries ? "the query catalog" : "a catalog")
                  + String.format(
                      Locale.ROOT,
                      " of %,d documents%s",
                      products,
                      smallFirst ? ", over the small model" : ""),
              progress);
      double largePublishPeak = large.peakMb;
      publishPeak = Math.max(publishPeak, largePublishPeak);
      publishes.add(large.run);
      if (!withQueries) {
        return new CatalogRuns(null, publishes, publishPeak);
      }
      // The candidate of (g): a second model of the same size, not measured.
      publish(
          solr,
          client,
          model("bench-" + products + "-candidate", products, seed + 1),
          progress,
          true);
      HeapPeak.reset();
      progress.phase(
          "writing %s of %,d products (atomic updates)", CatalogIndexer.KNN_FIELD, products);
      double knnSeconds = indexer.writeKnnVectors(model, products);
      progress.phase(
          "%s written in %.1f s; waiting for the merges it started",
          CatalogIndexer.KNN_FIELD, knnSeconds);
      // A merge left running (HNSW graphs: minutes at 1M) would take one of the machine's cores
      // while queries are timed; the commit then opens a searcher over the merged segments.
      double mergeWaitSeconds = solr.awaitMerges("catalog");
      client.commit("catalog", true, true);
      progress.phase("merges ended after %.1f s", mergeWaitSeconds);
      QueryTimer timer =
          new QueryTimer(client, "catalog", model, products, rerankDocs, seed, progress, warnings);
      List<BenchReport.CacheModeRun> modes = new ArrayList<>();
      List<QueryTimer.Result> results = new ArrayList<>();
      // Unmeasured: the JIT compiles every variant's code before the first measured run, so that
      // the first cache mode does not pay for it.
      progress.phase("query: one unmeasured pass so the JIT has compiled every variant");
      timer.run(QueryTimer.TEXT_QUERIES.subList(0, queries), 1, warmupRounds);
      for (String mode : CACHE_MODES) {
        progress.phase("reloading the catalog with the item-factor cache %s", mode);
        reloadWithCache(client, mode);
        QueryTimer.Result run =
            timer.run(QueryTimer.TEXT_QUERIES.subList(0, queries), rounds, warmupRounds);
        long[] cache = cacheSize(client, model);
        progress.phase("item-factor cache %s held %,d bytes in %,d rows", mode, cache[0], cache[1]);
        results.add(run);
        modes.add(
            new BenchReport.CacheModeRun(
                mode, cache[0], cache[1], cache[2], cache[3], run.variants(), ratios(run)));
      }
      QueryTimer.Result result = results.get(0); // float: the configsets' default
      BenchReport.Ratios ratios = modes.get(0).ratios();
      BenchReport.Int8Overlap int8 =
          new BenchReport.Int8Overlap(
              QueryTimer.meanOverlap(result.rerankTopIds(), results.get(1).rerankTopIds()),
              QueryTimer.meanOverlap(result.userdotTopIds(), results.get(1).userdotTopIds()),
              result.rerankTopIds().size(),
              timer.distinctUsers(rounds * queries, warmupRounds * queries),
              bytesPerRow(modes.get(1)) / bytesPerRow(modes.get(0)));
      double queryPeak = Math.max(Math.max(peak, largePublishPeak), HeapPeak.peakMb());
      List<BenchReport.Variant> v = result.variants();
      BenchReport.QuerySection section =
          new BenchReport.QuerySection(
              products,
              segments(client),
              indexSeconds,
              large.run.seconds(),
              knnSeconds,
              mergeWaitSeconds,
              result.requestsPerVariant(),
              v,
              ratios,
              result.topIdsAgreement(),
              queryPeak,
              modes,
              int8);
      progress.phase("stopping Solr");
      return new CatalogRuns(section, publishes, publishPeak);
    } finally {
      IOUtils.rm(home);
    }
  }

  /** p50 ratios of one run, with the product's targets ((b)/(a) is stricter at the full size). */
  private BenchReport.Ratios ratios(QueryTimer.Result run) {
    List<BenchReport.Variant> v = run.variants();
    return new BenchReport.Ratios(
        v.get(1).p50Ms() / v.get(0).p50Ms(),
        v.get(2).p50Ms() / v.get(0).p50Ms(),
        v.get(3).p50Ms() / v.get(4).p50Ms(),
        v.get(1).p50Ms() / v.get(5).p50Ms(),
        v.get(6).p50Ms() / v.get(1).p50Ms(),
        products >= TARGET_PRODUCTS ? 1.05 : 1.10,
        0.4,
        0.8,
        1.3,
        v.get(7).p50Ms() - v.get(1).p50Ms(),
        v.get(8).p50Ms() - v.get(1).p50Ms(),
        0.3);
  }

  /**
   * Reloads the catalog core with {@code pz.cache=mode}: the solrconfig's item-factor cache
   * listener reads the system property, and the reloaded core's first searcher builds (or drops)
   * the cache before it answers.
   */
  private static void reloadWithCache(SolrClient client, String mode) throws Exception {
    String previous = System.getProperty(CACHE_PROPERTY);
    System.setProperty(CACHE_PROPERTY, mode);
    try {
      CoreAdminRequest.reloadCore("catalog", client);
    } finally {
      if (previous == null) {
        System.clearProperty(CACHE_PROPERTY);
      } else {
        System.setProperty(CACHE_PROPERTY, previous);
      }
    }
  }

  private static double bytesPerRow(BenchReport.CacheModeRun run) {
    return run.cacheRows() <= 0 ? Double.NaN : (double) run.cacheBytes() / run.cacheRows();
  }

  /**
   * The catalog's item-factor cache bytes, rows, segment slots and dense ones among them, from the
   * personalization section of a debug request; -1 when it does not say.
   */
  private static long[] cacheSize(SolrClient client, ModelDirectory.Model model) throws Exception {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("q", "*:*");
    p.set("rows", 0);
    p.set("rq", "{!personalize user=" + model.userIds().get(0) + "}");
    p.set("debug", "timing");
    Object section = client.query("catalog", p).getResponse().get("personalization");
    if (section instanceof NamedList<?> s
        && s.get("itemCache") instanceof NamedList<?> cache
        && cache.get("bytes") instanceof Number bytes
        && cache.get("rows") instanceof Number rows
        && cache.get("slots") instanceof Number slots
        && cache.get("denseSlots") instanceof Number dense) {
      return new long[] {bytes.longValue(), rows.longValue(), slots.longValue(), dense.longValue()};
    }
    return new long[] {-1, -1, -1, -1};
  }

  /**
   * Starts Solr with the --knn-hnsw graph parameters for the catalog schema's vec_knn64 type, and
   * without a document cache: (a) repeats the same text queries, so its ten documents would come
   * from memory while each user's personalized page would not, and the ratio would measure the
   * cache rather than the rerank.
   */
  private TwoCoreSolr startSolr(Path home, int solrPort) throws Exception {
    String[] names = {"pz.knnMaxConnections", "pz.knnBeamWidth", "pz.documentCacheSize"};
    String[] values = {Integer.toString(knnHnsw.get(0)), Integer.toString(knnHnsw.get(1)), "0"};
    String[] previous = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      previous[i] = System.getProperty(names[i]);
      System.setProperty(names[i], values[i]);
    }
    try {
      return TwoCoreSolr.start(home, solrPort); // the schema is read while the cores load
    } finally {
      for (int i = 0; i < names.length; i++) {
        if (previous[i] == null) {
          System.clearProperty(names[i]);
        } else {
          System.setProperty(names[i], previous[i]);
        }
      }
    }
  }

  /** A small publish not smaller than the catalog: a second Solr with a catalog of its own. */
  private TimedPublish separateSmallPublish(Path home, int items, Progress progress)
      throws Exception {
    progress.phase("starting a separate Solr for a catalog of %,d products (home %s)", items, home);
    try (TwoCoreSolr solr = startSolr(home, 0);
        SolrClient client = solr.client()) {
      double indexSeconds =
          new CatalogIndexer(client, "catalog", threads, progress).indexProducts(0, items, seed);
      warmUpPublish(solr, client, items, progress);
      ModelDirectory.Model model = model("bench-" + items, items);
      return timedPublish(
          solr,
          client,
          model,
          indexSeconds,
          String.format(Locale.ROOT, "a separate catalog of %,d documents", items),
          progress);
    } finally {
      IOUtils.rm(home);
    }
  }

  private BenchReport.TrainingSection training(Progress progress) {
    TrainingTimer timer = new TrainingTimer(factors, threads, seed, progress);
    List<BenchReport.AlsRun> als = new ArrayList<>();
    double peak = 0;
    for (int n : interactions) {
      BenchReport.AlsRun run = timer.als(n, iterations);
      als.add(run);
      peak = Math.max(peak, run.peakHeapMb());
    }
    List<BenchReport.GmmRun> gmm = List.of();
    if (gmmRows > 0) {
      gmm = timer.gmm(gmmRows, clusters, gmmCovariance);
      for (BenchReport.GmmRun run : gmm) {
        peak = Math.max(peak, run.peakHeapMb());
      }
    }
    return new BenchReport.TrainingSection(als, gmm, peak);
  }

  /** A model with seeded random factors whose items are products 0..items-1 of the catalog. */
  private ModelDirectory.Model model(String id, int items) {
    return model(id, items, seed);
  }

  private ModelDirectory.Model model(String id, int items, long modelSeed) {
    List<String> itemIds =
        new AbstractList<>() {
          @Override
          public String get(int index) {
            return CatalogGenerator.productId(index);
          }

          @Override
          public int size() {
            return items;
          }
        };
    return SyntheticModels.model(
            id, itemIds, SyntheticModels.ids("u", 0, users), factors, clusters, modelSeed)
        // The same users with the same history under every model: seen items do not depend on it.
        .withRecentItems(SyntheticSeenItems.of(users, items, seed));
  }

  /**
   * An unmeasured publish of a few items first, so that the measured ones do not pay for warming up
   * the JIT of this JVM (a real Solr serving queries has long been warm).
   */
  private void warmUpPublish(
      TwoCoreSolr solr, SolrClient client, int catalogDocs, Progress progress) throws Exception {
    int items = Math.max(1, Math.min(WARM_UP_ITEMS, catalogDocs / 10));
    progress.phase("warm-up publish (not measured)");
    publish(solr, client, model("bench-warmup-" + items, items), progress);
  }

  private record TimedPublish(BenchReport.PublishRun run, double peakMb) {}

  /** A measured publish: resets the heap peak, publishes, reads the peak heap of the publish. */
  private TimedPublish timedPublish(
      TwoCoreSolr solr,
      SolrClient client,
      ModelDirectory.Model model,
      double indexSeconds,
      String catalog,
      Progress progress)
      throws Exception {
    HeapPeak.reset();
    PublishReport r = publish(solr, client, model, progress);
    double peakMb = HeapPeak.peakMb();
    return new TimedPublish(
        new BenchReport.PublishRun(
            model.itemIds().size(), users, r.seconds(), r.itemsPerSecond(), indexSeconds, catalog),
        peakMb);
  }

  /**
   * Publishes with the trainer's publisher and its default options (batch 500), --threads writers.
   */
  private PublishReport publish(
      TwoCoreSolr solr, SolrClient client, ModelDirectory.Model model, Progress progress)
      throws Exception {
    return publish(solr, client, model, progress, false);
  }

  /** Publishes {@code model}, as the candidate of the active model when {@code candidate}. */
  private PublishReport publish(
      TwoCoreSolr solr,
      SolrClient client,
      ModelDirectory.Model model,
      Progress progress,
      boolean candidate)
      throws Exception {
    progress.phase(
        "publishing model %s: %,d items, %,d users",
        model.manifest().modelId(), model.itemIds().size(), model.userIds().size());
    PublishOptions options =
        new PublishOptions(
            PublishOptions.DEFAULT_BATCH_SIZE,
            threads,
            PublishOptions.DEFAULT_LOCK_STALE_AFTER,
            null,
            false);
    ModelPublisher publisher =
        new ModelPublisher(
            SolrTarget.standalone(solr.baseUrl(), "catalog", "users"),
            options,
            new PublishProgress(progress));
    PublishReport r =
        candidate ? publisher.publishCandidate(client, model) : publisher.publish(client, model);
    progress.phase("published in %.1f s (%,.0f items/s)", r.seconds(), r.itemsPerSecond());
    return r;
  }

  /** Phase lines, and a bar for the catalog writes, of the publisher. */
  private static final class PublishProgress implements PublishListener {
    private final Progress progress;
    private ProgressBars.Bar bar;

    PublishProgress(Progress progress) {
      this.progress = progress;
    }

    @Override
    public synchronized void onPhase(String phase, long total) {
      if (bar != null) {
        bar.close();
        bar = null;
      }
      progress.phase(
          "  publish phase: %s%s",
          phase, total > 0 ? String.format(Locale.ROOT, " (%,d)", total) : "");
      if (phase.equals("catalog")) {
        bar = progress.bar("publish", total);
      }
    }

    @Override
    public void onBatchWritten(String phase, int documents) {
      ProgressBars.Bar b = bar;
      if (b != null && phase.equals("catalog")) {
        b.stepBy(documents);
      }
    }
  }

  private static int segments(SolrClient client) {
    try {
      NamedList<Object> status =
          CoreAdminRequest.getStatus("catalog", client).getCoreStatus("catalog");
      Object index = status.get("index");
      if (index instanceof NamedList<?> info && info.get("segmentCount") instanceof Number n) {
        return n.intValue();
      }
    } catch (Exception e) {
      // reported as -1
    }
    return -1;
  }

  private List<String> sizeNotes(Set<Section> sections) {
    List<String> notes = new ArrayList<>();
    if ((sections.contains(Section.query) || sections.contains(Section.publish))
        && products < TARGET_PRODUCTS) {
      notes.add(
          String.format(
              Locale.ROOT,
              "catalog of %,d products, not the target %,d (the"
                  + " default: the largest that fits 10 minutes on 2 cores with the rest; README,"
                  + " Benchmark)",
              products,
              TARGET_PRODUCTS));
    }
    int maxInteractions = interactions.stream().mapToInt(Integer::intValue).max().orElse(0);
    if (sections.contains(Section.training) && maxInteractions < TARGET_MAX_INTERACTIONS) {
      notes.add(
          String.format(
              Locale.ROOT,
              "ALS on at most %,d interactions, not the target %,d",
              maxInteractions,
              TARGET_MAX_INTERACTIONS));
    }
    return notes;
  }

  /** Rounds of {@link RowReadFloor}: its median is steady to a few us from about 100 on. */
  private static final int ROW_READ_ROUNDS = 200;

  /** The note of what reading a rerank window's rows takes on this machine at the least. */
  private String rowReadFloor(Progress progress) {
    progress.phase("query: the memory's floor for reading a rerank window's cached rows");
    int rowFloats = factors + clusters;
    double micros =
        RowReadFloor.medianMicros(products, rowFloats, rerankDocs, ROW_READ_ROUNDS, seed);
    return String.format(
        Locale.ROOT,
        "memory floor: loading every cache line of %,d random rows of %,d (%d bytes each, the"
            + " float cache of the catalog), in row order with caches flushed, takes %.0f us"
            + " (median of %d rounds): the least that (b) can add to (a) on this machine",
        Math.min(rerankDocs, products),
        products,
        rowFloats * Float.BYTES,
        micros,
        ROW_READ_ROUNDS - ROW_READ_ROUNDS / 4);
  }

  private BenchReport.Header header(Set<Section> sections) {
    Runtime rt = Runtime.getRuntime();
    BenchReport.Machine machine =
        new BenchReport.Machine(
            rt.availableProcessors(),
            System.getProperty("java.vendor"),
            System.getProperty("java.runtime.version"),
            System.getProperty("java.vm.name"),
            rt.maxMemory() / (1024 * 1024),
            System.getProperty("os.name")
                + " "
                + System.getProperty("os.version")
                + " "
                + System.getProperty("os.arch"),
            org.solrpersonalize.solr.kernel.EncodedVectorKernels.simdEnabled(),
            ManagementFactory.getRuntimeMXBean()
                .getInputArguments()
                .contains("-XX:+UseTransparentHugePages"));
    BenchReport.Sizes sizes =
        new BenchReport.Sizes(
            products,
            users,
            factors,
            clusters,
            queries,
            rounds,
            warmupRounds,
            rerankDocs,
            List.copyOf(interactions),
            iterations,
            gmmRows,
            List.copyOf(gmmCovariance),
            publishItems,
            List.copyOf(knnHnsw),
            threads);
    List<String> names = new ArrayList<>();
    for (Section s : sections) {
      names.add(s.name());
    }
    return new BenchReport.Header(
        "bin/bench",
        ZonedDateTime.now()
            .truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        gitCommit(),
        seed,
        machine,
        sizes,
        names);
  }

  static String gitCommit() {
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
              .redirectErrorStream(true)
              .start();
      String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.waitFor() == 0 && text.matches("[0-9a-f]{4,40}") ? text : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
