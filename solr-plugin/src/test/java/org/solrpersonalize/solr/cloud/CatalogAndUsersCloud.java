package org.solrpersonalize.solr.cloud;

import java.nio.file.Path;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.SolrCloudTestCase;

/**
 * The SolrCloud of the cloud tests, here and in {@code src-test}: the project's two configsets,
 * {@code catalog} and {@code users}, uploaded to ZooKeeper, and collections of those names. {@code
 * src-test} reaches this class through solr-plugin's test jar.
 */
public abstract class CatalogAndUsersCloud extends SolrCloudTestCase {
  /** Starts {@code nodes} Solr nodes with both configsets uploaded and no collection yet. */
  protected static void configureCatalogAndUsers(int nodes) throws Exception {
    Path configsets = Path.of(System.getProperty("configsets.dir"));
    configureCluster(nodes)
        .addConfig("catalog", configsets.resolve("catalog").resolve("conf"))
        .addConfig("users", configsets.resolve("users").resolve("conf"))
        .configure();
  }

  /**
   * Creates {@code catalog} ({@code catalogShards} x {@code catalogReplicas}) and {@code users}
   * ({@code usersShards} x 1), and waits until every replica is active.
   */
  protected static void createCatalogAndUsers(
      int catalogShards, int catalogReplicas, int usersShards) throws Exception {
    createCatalogAndUsers(catalogShards, catalogReplicas, usersShards, "users");
  }

  /**
   * As {@link #createCatalogAndUsers(int, int, int)}, {@code users} of config {@code usersConfig}.
   */
  protected static void createCatalogAndUsers(
      int catalogShards, int catalogReplicas, int usersShards, String usersConfig)
      throws Exception {
    SolrClient client = cluster.getSolrClient();
    CollectionAdminRequest.createCollection("catalog", "catalog", catalogShards, catalogReplicas)
        .process(client);
    CollectionAdminRequest.createCollection("users", usersConfig, usersShards, 1).process(client);
    cluster.waitForActiveCollection("catalog", catalogShards, catalogShards * catalogReplicas);
    cluster.waitForActiveCollection("users", usersShards, usersShards);
  }
}
