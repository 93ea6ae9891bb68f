package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.solrpersonalize.format.ModelDirectory;

/**
 * The users store and the catalog of a {@link SolrTarget}, each addressed with the unique key its
 * schema declares: what {@code promote}, {@code rollback}, {@code status} and every publish open
 * before anything else.
 */
record TargetStores(
    SolrClient client, SolrTarget target, UsersStoreWriter users, CatalogQueries catalog) {

  /**
   * Reads both schemas' unique keys, users store first: for {@code promote}, {@code rollback} and
   * {@code status}, which write no profile.
   */
  static TargetStores open(SolrClient client, SolrTarget target)
      throws IOException, SolrServerException {
    return withUsers(
        client,
        target,
        new UsersStoreWriter(client, target.users(), uniqueKey(client, target.users())));
  }

  /**
   * What every publish (trainer and Spark) does before its lock: opens both stores, asking the
   * users schema for its seen items' field ({@link UsersStoreWriter#forPublish}) and telling the
   * listener when it is the string one, then checks the catalog's schema and that it holds some of
   * the model's items.
   *
   * @param seenMax the most recent items per profile its users store writes ({@link
   *     PublishOptions#seenMax})
   */
  static TargetStores openForPublish(
      SolrClient client,
      SolrTarget target,
      int seenMax,
      ModelDirectory.Model model,
      PublishListener listener)
      throws IOException, SolrServerException {
    TargetStores stores =
        withUsers(client, target, UsersStoreWriter.forPublish(client, target.users(), seenMax));
    stores.users().seenFieldNotice(model).ifPresent(listener::onNotice);
    CatalogPreconditions.checkSchema(client, target.catalog());
    CatalogPreconditions.checkSomeItemsInCatalog(stores.catalog(), target.catalog(), model);
    return stores;
  }

  private static TargetStores withUsers(
      SolrClient client, SolrTarget target, UsersStoreWriter users)
      throws IOException, SolrServerException {
    CatalogQueries catalog =
        new CatalogQueries(client, target.catalog(), uniqueKey(client, target.catalog()));
    return new TargetStores(client, target, users, catalog);
  }

  /**
   * Takes the users store's publish lock for this process ({@link PublishLock#acquire}).
   *
   * @param label the model the lock document names
   */
  PublishLock lock(String label, Duration staleAfter, PublishListener listener)
      throws IOException, SolrServerException {
    return PublishLock.acquire(
        new PublishLock.Claimant(
            client, target.users(), users.uniqueKey(), owner(), label, staleAfter, listener));
  }

  /** The schema's unique key field: documents are addressed by it, whatever its name. */
  static String uniqueKey(SolrClient client, String collection)
      throws IOException, SolrServerException {
    return new SchemaRequest.UniqueKey().process(client, collection).getUniqueKey();
  }

  /** {@code pid@host#nonce}: unique per publish, even for two in one JVM. */
  private static String owner() {
    return ManagementFactory.getRuntimeMXBean().getName()
        + "#"
        + Long.toHexString(new SecureRandom().nextLong() >>> 16);
  }
}
