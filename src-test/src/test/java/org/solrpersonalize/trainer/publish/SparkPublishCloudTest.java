package org.solrpersonalize.trainer.publish;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.SolrDocument;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;
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

  @BeforeClass
  public static void startCluster() throws Exception {
    configureCatalogAndUsers(2);
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

  /**
   * Runs {@code SparkPublishUntilKilled} and returns its stdout: to the end, or, with a phase, up
   * to that phase, where the process is killed.
   */
  private static String runSpark(Path modelDir, PublishPhase phase) throws Exception {
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
    command.add("org.solrpersonalize.spark.SparkPublishUntilKilled");
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
