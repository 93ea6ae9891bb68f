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

  /**
   * Reads both schemas' unique keys, users store first: for {@code promote}, {@code rollback} and
   * {@code status}, which write no profile.
   */
  static TargetStores open(SolrClient client, SolrTarget target)
      throws IOException, SolrServerException {
    return withUsers(
        client,
        target,
        new UsersStoreWriter(
            client, target.users(), ModelPublisher.uniqueKey(client, target.users())));
  }

  /**
   * For a publish: also asks the users schema for its seen items' field ({@link
   * UsersStoreWriter#forPublish}).
   *
   * @param seenMax the most recent items per profile its users store writes ({@link
   *     PublishOptions#seenMax})
   */
  static TargetStores open(SolrClient client, SolrTarget target, int seenMax)
      throws IOException, SolrServerException {
    return withUsers(client, target, UsersStoreWriter.forPublish(client, target.users(), seenMax));
  }

  private static TargetStores withUsers(
      SolrClient client, SolrTarget target, UsersStoreWriter users)
      throws IOException, SolrServerException {
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
