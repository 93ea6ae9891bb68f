package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.time.Duration;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;

/**
 * The users store and the catalog of a {@link SolrTarget}, each addressed with the unique key its
 * schema declares: what {@code promote}, {@code rollback}, {@code status} and a Spark publish open
 * before anything else.
 */
record TargetStores(
    SolrClient client, SolrTarget target, UsersStoreWriter users, CatalogQueries catalog) {

  /** Reads both schemas' unique keys, users store first. */
  static TargetStores open(SolrClient client, SolrTarget target)
      throws IOException, SolrServerException {
    return open(client, target, PublishOptions.DEFAULT_SEEN_MAX);
  }

  /**
   * @param seenMax the most recent items per profile its users store writes ({@link
   *     PublishOptions#seenMax})
   */
  static TargetStores open(SolrClient client, SolrTarget target, int seenMax)
      throws IOException, SolrServerException {
    UsersStoreWriter users =
        new UsersStoreWriter(
            client, target.users(), ModelPublisher.uniqueKey(client, target.users()), seenMax);
    CatalogQueries catalog =
        new CatalogQueries(
            client, target.catalog(), ModelPublisher.uniqueKey(client, target.catalog()));
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
            client,
            target.users(),
            users.uniqueKey(),
            ModelPublisher.owner(),
            label,
            staleAfter,
            listener));
  }
}
