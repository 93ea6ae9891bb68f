package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelFields;

/**
 * Writes one part of a publish's catalog items or user profiles from a process that does not hold
 * the lock itself (a Spark executor), in batches on one connection, through the same {@link
 * BatchWriter} as {@link ModelPublisher}. Before every batch it reads the lock document and stops
 * if its owner is not the publish's any more, so a publish that lost its lock stops writing at its
 * next batch here too. A {@link PublishSession} gives them ({@link PublishSession#itemWriter},
 * {@link PublishSession#profileWriter}).
 *
 * @param target where to write (its client is opened per part)
 * @param uniqueKey the written collection's unique key field
 * @param lockOwner the owner string of the session's lock, as its lock document names it
 * @param usersKey the users store's unique key field, to read the lock document
 * @param batchSize documents per update request; a part writes on one thread, so the number of
 *     parts running at once bounds the concurrency
 */
public record PartitionWriter(
    SolrTarget target, String uniqueKey, String lockOwner, String usersKey, int batchSize)
    implements Serializable {

  public PartitionWriter {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(uniqueKey, "uniqueKey");
    Objects.requireNonNull(lockOwner, "lockOwner");
    Objects.requireNonNull(usersKey, "usersKey");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
  }

  /**
   * Writes catalog item updates ({@link SlotWrites#itemDocument}) in place through the {@value
   * ModelPublisher#PUBLISH_CHAIN} chain.
   *
   * @return the ids Solr skipped (no such document), with its reason
   */
  public Map<String, String> writeItems(Iterator<SolrInputDocument> documents) throws IOException {
    return write(target.catalog(), "catalog", documents, true);
  }

  /** Writes user profile documents into the users store. */
  public void writeProfiles(Iterator<SolrInputDocument> documents) throws IOException {
    write(target.users(), "users", documents, false);
  }

  private Map<String, String> write(
      String collection, String phase, Iterator<SolrInputDocument> documents, boolean inPlace)
      throws IOException {
    PublishOptions oneThread =
        new PublishOptions(batchSize, 1, PublishOptions.DEFAULT_LOCK_STALE_AFTER, null, false);
    try (SolrClient client = target.openClient();
        BatchWriter writer =
            new BatchWriter(
                new BatchWriter.Destination(client, collection, uniqueKey),
                phase,
                oneThread,
                PublishListener.NONE,
                () -> checkLock(client),
                inPlace ? SlotWrites.inPlaceParams() : null)) {
      while (documents.hasNext()) {
        writer.add(documents.next());
      }
      writer.finish();
      return Map.copyOf(writer.skipped());
    }
  }

  private void checkLock(SolrClient client) throws IOException, SolrServerException {
    SolrDocument lock = client.getById(target.users(), ModelFields.LOCK_DOC_ID);
    Object owner = lock == null ? null : lock.getFirstValue(ModelFields.LOCK_OWNER);
    if (!lockOwner.equals(owner)) {
      throw new PublishLockLostException(
          String.format(
              Locale.ROOT,
              "the publish (%s) lost the lock of users store '%s' (%s): this part stopped writing",
              lockOwner,
              target.users(),
              owner == null ? "no lock document" : "held by " + owner));
    }
  }
}
