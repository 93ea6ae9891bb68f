package org.solrpersonalize.trainer.publish;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.SolrDocument;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.RecentItems;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.solr.TestSolrHomes;
import org.solrpersonalize.solr.cloud.CatalogAndUsersCloud;
import org.solrpersonalize.synthetic.SyntheticModels;

/**
 * {@code publish} as a Spark job ({@code local[2]}, in a JVM of its own on Spark's classpath) into
 * a SolrCloud of 2 shards: the same personalized pages as {@code bin/trainer publish}'s, and a
 * Spark publish killed between phases leaves the active model whole and its rerun completes.
 */
// The Spark JVM is not given the test's randomized TLS certificates.
@SolrTestCaseJ4.SuppressSSL(bugUrl = "none: the Spark publish runs in a JVM of its own")
public class SparkPublishCloudTest extends CatalogAndUsersCloud {
  private static final int PRODUCTS = 60;
  private static final List<String> ITEMS = SyntheticModels.ids("p", 0, PRODUCTS);
  private static final List<String> USERS = SyntheticModels.ids("u", 0, 14);

  /**
   * The users configset as it was before {@link ModelFields#USER_SEEN}: seen items in the sorted
   * docValues string {@link ModelFields#USER_SEEN_STRING}.
   */
  private static final String USERS_BEFORE_BINARY_SEEN = "users_sorted";

  @BeforeClass
  public static void startCluster() throws Exception {
    configureCatalogAndUsers(2);
    Path home = TestSolrHomes.create(createTempDir("users_sorted"), USERS_BEFORE_BINARY_SEEN);
    TestSolrHomes.withoutField(home, USERS_BEFORE_BINARY_SEEN, ModelFields.USER_SEEN);
    cluster.uploadConfigSet(
        home.resolve(USERS_BEFORE_BINARY_SEEN).resolve("conf"), USERS_BEFORE_BINARY_SEEN);
  }

  @Test
  public void sparkPublishGivesTheSamePagesAsBinTrainer() throws Exception {
    ModelDirectory.Model m1 = SyntheticModels.model("m1", ITEMS, USERS, 8, 3, 21);
    Map<String, List<String>> byTrainer;
    createCollections();
    try {
      new ModelPublisher(target(), PublishOptions.defaults(), PublishListener.NONE).publish(m1);
      byTrainer = pages();
      assertTrue("pages differ by user", new HashSet<>(byTrainer.values()).size() > 1);
    } finally {
      deleteCollections();
    }
    createCollections();
    try {
      assertEquals("published m1 slot a", runSpark(write(m1), null).trim());
      new PublishedStore(cluster.getSolrClient(), "catalog", "users")
          .assertActiveAndWhole(m1, "a", PRODUCTS);
      assertEquals(byTrainer, pages());
    } finally {
      deleteCollections();
    }
  }

  @Test
  public void aKilledSparkPublishLeavesTheActiveModelWhole() throws Exception {
    ModelDirectory.Model m1 = SyntheticModels.model("m1", ITEMS, USERS, 8, 3, 31);
    ModelDirectory.Model m2 = SyntheticModels.model("m2", ITEMS, USERS, 8, 3, 32);
    createCollections();
    try {
      publishAndKill(m1, m2);
    } finally {
      deleteCollections();
    }
  }

  /**
   * The same publishes by {@code bin/trainer}'s publisher and by the Spark engine's {@code publish}
   * command ({@code --zk} at the cluster's ZooKeeper) leave the same catalog and users store: m3,
   * with 45 of the 60 products and 5 items the catalog lacks, replaces m1 in slot a and clears m1's
   * values from the 15 documents m3 lacks; its missing items are listed, its profiles hold the 2
   * most recent seen items; m4 (2 of 32 items in the catalog) is refused with the same message; m5,
   * as the candidate, overwrites slot b and clears it of the 10 documents it lacks.
   */
  @Test
  public void sparkPublishLeavesTheSameStoreAsBinTrainer() throws Exception {
    assertEquals(
        String.join("\n", publishSequence(false)), String.join("\n", publishSequence(true)));
  }

  /**
   * A users collection of the configset from before {@link ModelFields#USER_SEEN}: {@code
   * bin/trainer}'s publish and the Spark engine's each say so, write the seen items into {@link
   * ModelFields#USER_SEEN_STRING}, and leave the same store.
   */
  @Test
  public void aUsersStoreCreatedBeforeTheBinarySeenFieldGetsTheStringFromBothEngines()
      throws Exception {
    ModelDirectory.Model m6 =
        SyntheticModels.model("m6", ITEMS, USERS, 8, 3, 46)
            .withRecentItems(recentItems(USERS.size(), PRODUCTS));
    Path missing = createTempDir("missing").resolve("missing.txt");
    List<List<String>> byEngine = new ArrayList<>();
    for (boolean spark : List.of(false, true)) {
      createCatalogAndUsers(2, 1, 2, USERS_BEFORE_BINARY_SEEN);
      try {
        CatalogFixtures.indexProducts(cluster.getSolrClient(), "catalog", PRODUCTS);
        List<String> out = new ArrayList<>(publish(spark, m6, missing, false));
        out.addAll(store());
        byEngine.add(out);
      } finally {
        deleteCollections();
      }
    }
    assertEquals(String.join("\n", byEngine.get(0)), String.join("\n", byEngine.get(1)));
    List<String> printed = byEngine.get(0);
    assertTrue(
        printed.toString(),
        printed.contains(
            "users store 'users' has no field pz_user_seen: seen items are written to"
                + " pz_user_seen_s, whose read on a profile-cache miss decompresses the lists of 64"
                + " users; add pz_user_seen from configsets/users/conf/schema.xml to its schema to"
                + " read one user's alone"));
    // u0 saw rows 3, 46 and 1, most recent first; --seen-max 2 keeps two.
    assertTrue(
        printed.toString(),
        printed.stream()
            .anyMatch(
                line ->
                    line.startsWith("id=m6/u0 ")
                        && line.endsWith(" pz_user_seen=null pz_user_seen_s=p3\np46")));
  }

  /**
   * In new collections, publishes m1 and m2 with {@code bin/trainer}'s publisher, then m3, m4
   * (refused) and m5 (as the candidate) with its CLI or from Spark; returns what each printed and
   * the store after each.
   */
  private static List<String> publishSequence(boolean spark) throws Exception {
    createCollections();
    try {
      return publishSequenceInto(spark);
    } finally {
      deleteCollections();
    }
  }

  private static List<String> publishSequenceInto(boolean spark) throws Exception {
    ModelDirectory.Model m1 = SyntheticModels.model("m1", ITEMS, USERS, 8, 3, 41);
    ModelDirectory.Model m2 = SyntheticModels.model("m2", ITEMS, USERS, 8, 3, 42);
    List<String> m3Items = new ArrayList<>(ITEMS.subList(0, 45));
    m3Items.addAll(SyntheticModels.ids("x", 0, 5));
    ModelDirectory.Model m3 =
        SyntheticModels.model("m3", m3Items, USERS, 8, 3, 43)
            .withRecentItems(recentItems(USERS.size(), m3Items.size()));
    List<String> m4Items = new ArrayList<>(ITEMS.subList(0, 2));
    m4Items.addAll(SyntheticModels.ids("y", 0, 30));
    ModelDirectory.Model m4 = SyntheticModels.model("m4", m4Items, USERS, 8, 3, 44);
    ModelDirectory.Model m5 =
        SyntheticModels.model("m5", ITEMS.subList(10, PRODUCTS), USERS, 8, 3, 45);
    new ModelPublisher(target(), PublishOptions.defaults(), PublishListener.NONE).publish(m1);
    new ModelPublisher(target(), PublishOptions.defaults(), PublishListener.NONE).publish(m2);

    List<String> out = new ArrayList<>();
    Path missing = createTempDir("missing").resolve("missing.txt");
    List<String> m3Report = publish(spark, m3, missing, false);
    assertTrue(m3Report.toString(), m3Report.contains("  stale slot docs cleared  15"));
    assertTrue(m3Report.toString(), m3Report.contains("  items not in catalog     5"));
    assertTrue(
        m3Report.toString(), m3Report.contains("  items not in catalog are listed in <missing>"));
    // The bars' totals and final counts: every document of each phase, the 5 the catalog lacks too.
    assertTrue(m3Report.toString(), m3Report.contains("bar catalog 50/50"));
    assertTrue(m3Report.toString(), m3Report.contains("bar users 14/14"));
    out.addAll(m3Report);
    assertEquals(
        SyntheticModels.ids("x", 0, 5), Files.readAllLines(missing, StandardCharsets.UTF_8));
    out.addAll(store());
    assertEquals(45, countHolding("a", "m3"));
    assertEquals(0, countHolding("a", "m1"));

    List<String> refused = publish(spark, m4, missing, false);
    assertEquals(
        List.of(
            "error: model m4: only 2 of its 32 items have a catalog document, below the minimum of"
                + " 4 (--min-coverage 0.1); model ids such as 'y0', 'y1', 'y2' have none, catalog"
                + " 'catalog' has ids such as 'p0', 'p1', 'p10': the model's item ids must be values"
                + " of the catalog's unique key 'id'. Model m4 was written into slot b but not"
                + " switched to; "
                + PublishedStore.stateAfterStopping("m3", "a", 45, USERS.size())),
        refused);
    out.addAll(refused);
    out.addAll(store());

    List<String> m5Report = publish(spark, m5, missing, true);
    assertTrue(m5Report.toString(), m5Report.stream().noneMatch(line -> line.startsWith("bar ")));
    out.addAll(m5Report);
    out.addAll(store());
    assertEquals(50, countHolding("b", "m5"));
    assertEquals(0, countHolding("b", "m2") + countHolding("b", "m4"));
    return out;
  }

  /** 3 recent items per user (model rows, some of items the catalog lacks), most recent first. */
  private static RecentItems recentItems(int users, int items) {
    int[] starts = new int[users + 1];
    int[] rows = new int[users * 3];
    for (int u = 0; u < users; u++) {
      starts[u + 1] = 3 * (u + 1);
      rows[3 * u] = (7 * u + 3) % items;
      rows[3 * u + 1] = (5 * u + 46) % items;
      rows[3 * u + 2] = (11 * u + 1) % items;
    }
    return new RecentItems(starts, rows);
  }

  /**
   * Publishes with 7 documents a batch and 2 seen items a profile, through the Spark engine's CLI
   * or {@code bin/trainer}'s jar, each in a JVM of its own, both with {@code --zk}, a candidate
   * with {@code --no-progress}. Returns what it printed: the report without rate and time, then
   * each progress bar's last state ({@code bar catalog 50/50}) and the notices about the users
   * store, or the error (publisher owners masked).
   */
  private static List<String> publish(
      boolean spark, ModelDirectory.Model model, Path missing, boolean candidate) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "publish",
                "--model",
                write(model).toString(),
                "--zk",
                cluster.getZkServer().getZkAddress(),
                "--batch-size",
                "7",
                "--seen-max",
                "2",
                "--missing-items",
                missing.toString()));
    if (candidate) {
      args.addAll(List.of("--candidate", "--no-progress"));
    }
    List<String> command;
    if (spark) {
      command = sparkJvm("org.solrpersonalize.spark.SparkTrainerCli");
      args.addAll(List.of("--master", "local[2]"));
    } else {
      command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  System.getProperty("pz.trainerCliJar")));
      args.addAll(List.of("--threads", "1"));
    }
    command.addAll(args);
    CliRun run = runCli(command);
    List<String> printed = new ArrayList<>();
    if (run.exit() == 0) {
      for (String line : run.stdout().split("\n")) {
        if (!line.trim().startsWith("time ")) {
          printed.add(
              line.replaceAll(" \\([0-9,]+ items/s\\)", "")
                  .replace(missing.toString(), "<missing>"));
        }
      }
      printed.addAll(barsShown(run.stderr()));
      // Notices about the users store (the seen items' field), printed as they are.
      run.stderr().lines().filter(line -> line.startsWith("users store '")).forEach(printed::add);
      return printed;
    }
    assertEquals(run.stderr(), 2, run.exit());
    for (String line : run.stderr().split("\n")) {
      if (line.startsWith("error: ")) {
        printed.add(PublishedStore.withoutOwners(line));
      }
    }
    assertEquals(run.stderr(), 1, printed.size());
    return printed;
  }

  /**
   * Every catalog document's slot fields, every profile's fields and the committed pointer, one
   * line each, by id.
   */
  private static List<String> store() throws Exception {
    List<String> out = new ArrayList<>();
    SolrQuery items = new SolrQuery("*:*");
    String[] slotFields = {
      "id",
      ModelFields.itemField("a"),
      ModelFields.itemModelField("a"),
      ModelFields.itemField("b"),
      ModelFields.itemModelField("b")
    };
    items.setFields(slotFields);
    items.setRows(10_000);
    items.setSort("id", SolrQuery.ORDER.asc);
    for (SolrDocument doc : cluster.getSolrClient().query("catalog", items).getResults()) {
      out.add(fields(doc, slotFields));
    }
    SolrQuery profiles = new SolrQuery("*:*");
    profiles.addFilterQuery(ModelFields.DOC_TYPE + ":" + ModelFields.TYPE_USER);
    String[] profileFields = {
      "id",
      ModelFields.MODEL,
      ModelFields.USER,
      ModelFields.USER_VECTOR,
      ModelFields.USER_LOG_AFFINITY,
      ModelFields.USER_SEEN,
      ModelFields.USER_SEEN_STRING
    };
    profiles.setFields(profileFields);
    profiles.setRows(10_000);
    profiles.setSort("id", SolrQuery.ORDER.asc);
    for (SolrDocument doc : cluster.getSolrClient().query("users", profiles).getResults()) {
      out.add(fields(doc, profileFields));
    }
    SolrDocument pointer = cluster.getSolrClient().getById("users", ModelFields.ACTIVE_DOC_ID);
    out.add("pointer " + UsersStoreDocuments.Pointer.read(pointer::getFirstValue));
    return out;
  }

  private static String fields(SolrDocument doc, String... names) {
    StringBuilder line = new StringBuilder();
    for (String name : names) {
      Object value = doc.getFirstValue(name);
      line.append(name)
          .append('=')
          .append(
              value instanceof byte[] bytes
                  ? Base64.getEncoder().encodeToString(bytes)
                  : String.valueOf(value))
          .append(' ');
    }
    return line.toString().trim();
  }

  private static long countHolding(String slot, String modelId) throws Exception {
    SolrQuery q = new SolrQuery("*:*");
    q.set("defType", "lucene");
    q.addFilterQuery(CatalogQueries.holds(slot, ModelFields.modelTag(modelId)));
    q.setRows(0);
    return cluster.getSolrClient().query("catalog", q).getResults().getNumFound();
  }

  /**
   * A Spark publish of another model, after one killed between its switch and its commit, first
   * commits that switch (the model is whole) and writes the slot that is idle then: killed after
   * its items, the active model is the one whose switch it committed, whole.
   */
  @Test
  public void aSparkPublishCommitsAnEarlierUncommittedSwitchBeforeWriting() throws Exception {
    ModelDirectory.Model m1 = SyntheticModels.model("m1", ITEMS, USERS, 8, 3, 51);
    ModelDirectory.Model m2 = SyntheticModels.model("m2", ITEMS, USERS, 8, 3, 52);
    ModelDirectory.Model m3 = SyntheticModels.model("m3", ITEMS, USERS, 8, 3, 53);
    createCollections();
    try {
      new ModelPublisher(target(), PublishOptions.defaults(), PublishListener.NONE).publish(m1);
      PublishedStore store = new PublishedStore(cluster.getSolrClient(), "catalog", "users");
      assertEquals("phase SWITCH_COMMIT", runSpark(write(m2), PublishPhase.SWITCH_COMMIT).trim());
      store.assertActiveAndWhole(m1, "a", PRODUCTS);
      Path m3Dir = write(m3);
      assertEquals("phase PROFILES", runSpark(m3Dir, PublishPhase.PROFILES).trim());
      store.assertActiveAndWhole(m2, "b", PRODUCTS);
      assertEquals("published m3 slot a", runSpark(m3Dir, null).trim());
      store.assertActiveAndWhole(m3, "a", PRODUCTS);
    } finally {
      deleteCollections();
    }
  }

  private static void publishAndKill(ModelDirectory.Model m1, ModelDirectory.Model m2)
      throws Exception {
    new ModelPublisher(target(), PublishOptions.defaults(), PublishListener.NONE).publish(m1);
    Path m2Dir = write(m2);
    PublishedStore store = new PublishedStore(cluster.getSolrClient(), "catalog", "users");
    // Killed after its items were written, after its profiles were, after its switch was written.
    for (PublishPhase phase :
        List.of(PublishPhase.PROFILES, PublishPhase.SWITCH, PublishPhase.SWITCH_COMMIT)) {
      assertEquals("phase " + phase, runSpark(m2Dir, phase).trim());
      store.assertActiveAndWhole(m1, "a", PRODUCTS);
    }
    // The rerun takes the dead publish's lock over (2 s without a heartbeat) and completes.
    assertEquals("published m2 slot b", runSpark(m2Dir, null).trim());
    store.assertActiveAndWhole(m2, "b", PRODUCTS);
  }

  private static SolrTarget target() {
    return SolrTarget.cloud(cluster.getZkServer().getZkAddress(), "catalog", "users");
  }

  private static void createCollections() throws Exception {
    createCatalogAndUsers(2, 1, 2);
    CatalogFixtures.indexProducts(cluster.getSolrClient(), "catalog", PRODUCTS);
  }

  private static void deleteCollections() throws Exception {
    CloudSolrClient client = cluster.getSolrClient();
    CollectionAdminRequest.deleteCollection("catalog").process(client);
    CollectionAdminRequest.deleteCollection("users").process(client);
  }

  /** The first page of a text query, reranked for each user, as ids. */
  private static Map<String, List<String>> pages() throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    for (String user : USERS) {
      SolrQuery q = new SolrQuery("title:model");
      q.set("defType", "lucene");
      q.set("rq", "{!personalize user=" + user + " reRankDocs=" + PRODUCTS + "}");
      q.setFields("id");
      q.setRows(10);
      List<String> ids = new ArrayList<>();
      for (SolrDocument doc : cluster.getSolrClient().query("catalog", q).getResults()) {
        ids.add((String) doc.getFirstValue("id"));
      }
      out.put(user, ids);
    }
    return out;
  }

  private static Path write(ModelDirectory.Model model) throws IOException {
    Path dir = createTempDir(model.manifest().modelId());
    ModelDirectory.write(dir, model);
    return dir;
  }

  /** A run of a trainer CLI: its exit code, stdout and stderr. */
  private record CliRun(int exit, String stdout, String stderr) {}

  private static final Pattern BAR = Pattern.compile("^(\\S+) +\\d+% \\[[^\\]]*\\] (\\d+/\\d+)");

  /**
   * The last state of each progress bar drawn on {@code stderr} (redrawn after carriage returns),
   * as {@code bar <phase> <done>/<total>}, in the order the bars started.
   */
  private static List<String> barsShown(String stderr) {
    Map<String, String> last = new LinkedHashMap<>();
    for (String line : stderr.split("[\r\n]")) {
      Matcher bar = BAR.matcher(line);
      if (bar.find()) {
        last.put(bar.group(1), bar.group(2));
      }
    }
    List<String> shown = new ArrayList<>();
    last.forEach((phase, counts) -> shown.add("bar " + phase + " " + counts));
    return shown;
  }

  /** Runs {@code command} (a trainer CLI in a JVM of its own) to its end. */
  private static CliRun runCli(List<String> command) throws Exception {
    Path stdout = createTempFile("cli", ".out");
    Path stderr = createTempFile("cli", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertTrue("the CLI's JVM ended", process.waitFor(300, TimeUnit.SECONDS));
    return new CliRun(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** The command that starts a JVM on Spark's classpath running {@code mainClass}. */
  private static List<String> sparkJvm(String mainClass) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(Arrays.asList(System.getProperty("pz.sparkAddOpens").trim().split("\\s+")));
    command.add("-cp");
    command.add(
        System.getProperty("pz.sparkClasses")
            + ":"
            + Files.readString(
                    Path.of(System.getProperty("pz.sparkClasspath")), StandardCharsets.UTF_8)
                .trim());
    command.add(mainClass);
    return command;
  }

  /**
   * Runs {@code SparkPublishUntilKilled} and returns its stdout: to the end, or, with a phase, up
   * to that phase, where the process is killed.
   */
  private static String runSpark(Path modelDir, PublishPhase phase) throws Exception {
    List<String> command = sparkJvm("org.solrpersonalize.spark.SparkPublishUntilKilled");
    command.addAll(
        List.of(cluster.getZkServer().getZkAddress(), "catalog", "users", modelDir.toString()));
    if (phase != null) {
      command.add(phase.name());
    }
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        out.append(line).append('\n');
        if (phase != null && line.startsWith("phase ")) {
          break;
        }
      }
    } finally {
      if (phase != null) {
        process.destroyForcibly();
      }
      assertTrue("the Spark JVM ended", process.waitFor(120, TimeUnit.SECONDS));
    }
    if (phase == null) {
      assertEquals(out.toString(), 0, process.exitValue());
    }
    return out.toString();
  }
}
