package org.solrpersonalize.trainer.publish;

import static org.solrpersonalize.format.ModelFields.DOC_TYPE;
import static org.solrpersonalize.format.ModelFields.LOCK_DOC_ID;
import static org.solrpersonalize.format.ModelFields.LOCK_HEARTBEAT;
import static org.solrpersonalize.format.ModelFields.LOCK_OWNER;
import static org.solrpersonalize.format.ModelFields.MODEL;
import static org.solrpersonalize.format.ModelFields.TYPE_LOCK;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.NamedList;

/**
 * One publish at a time per users store: a lock document created with Solr's optimistic concurrency
 * ({@code _version_=-1}: only if absent), kept alive by a heartbeat. A publish that was killed
 * stops beating; once its heartbeat is older than the stale timeout the next publish takes the lock
 * over, which is what lets a rerun complete a killed publish.
 */
final class PublishLock implements AutoCloseable {
  private final SolrClient client;
  private final String collection;
  private final String uniqueKey;
  private final String owner;
  private final String modelId;
  private final ScheduledExecutorService heartbeat;
  private volatile long version;
  private volatile String lost;

  private PublishLock(
      SolrClient client,
      String collection,
      String uniqueKey,
      String owner,
      String modelId,
      long version,
      Duration staleAfter) {
    this.client = client;
    this.collection = collection;
    this.uniqueKey = uniqueKey;
    this.owner = owner;
    this.modelId = modelId;
    this.version = version;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "publish-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(100, staleAfter.toMillis() / 4);
    heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock or refuses with a message naming the holder.
   *
   * @param uniqueKey the users schema's unique key field
   * @param staleAfter a lock whose heartbeat is older than this belongs to a dead publish
   */
  static PublishLock acquire(
      SolrClient client,
      String collection,
      String uniqueKey,
      String owner,
      String modelId,
      Duration staleAfter)
      throws IOException, SolrServerException {
    return acquire(client, collection, uniqueKey, owner, modelId, staleAfter, PublishListener.NONE);
  }

  /**
   * Takes the lock or refuses with a message naming the holder; taking over a stale lock is told to
   * {@code listener} as a notice.
   */
  static PublishLock acquire(
      SolrClient client,
      String collection,
      String uniqueKey,
      String owner,
      String modelId,
      Duration staleAfter,
      PublishListener listener)
      throws IOException, SolrServerException {
    try {
      long v = write(client, collection, uniqueKey, owner, modelId, -1L);
      return new PublishLock(client, collection, uniqueKey, owner, modelId, v, staleAfter);
    } catch (SolrException e) {
      if (e.code() != SolrException.ErrorCode.CONFLICT.code) {
        throw e;
      }
    }
    SolrDocument held = client.getById(collection, LOCK_DOC_ID);
    if (held == null) { // released between our two calls: try once more
      long v = write(client, collection, uniqueKey, owner, modelId, -1L);
      return new PublishLock(client, collection, uniqueKey, owner, modelId, v, staleAfter);
    }
    long beat = ((Number) held.getFirstValue(LOCK_HEARTBEAT)).longValue();
    Duration age = Duration.between(Instant.ofEpochMilli(beat), Instant.now());
    if (age.compareTo(staleAfter) < 0) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "another publish holds the lock of users store '%s' (%s, model %s, last heartbeat"
                  + " %d ms ago); wait for it to finish, or if it died, retry after %d s",
              collection,
              held.getFirstValue(LOCK_OWNER),
              held.getFirstValue(MODEL),
              age.toMillis(),
              staleAfter.toSeconds()));
    }
    long heldVersion = ((Number) held.getFirstValue("_version_")).longValue();
    try {
      long v = write(client, collection, uniqueKey, owner, modelId, heldVersion);
      listener.onNotice(
          String.format(
              Locale.ROOT,
              "taking over the lock of a publish that stopped (%s, model %s, silent for %d s)",
              held.getFirstValue(LOCK_OWNER),
              held.getFirstValue(MODEL),
              age.toSeconds()));
      return new PublishLock(client, collection, uniqueKey, owner, modelId, v, staleAfter);
    } catch (SolrException e) {
      if (e.code() == SolrException.ErrorCode.CONFLICT.code) {
        throw new PublishRefusedException(
            "another publish took over the stale lock of users store '" + collection + "' first");
      }
      throw e;
    }
  }

  /** Throws when the heartbeat found the lock taken by someone else: never switch then. */
  void checkHeld() {
    if (lost != null) {
      throw new PublishRefusedException("lost the publish lock: " + lost);
    }
  }

  @Override
  public void close() throws IOException, SolrServerException {
    heartbeat.shutdownNow();
    if (lost == null) {
      UpdateRequest delete = new UpdateRequest();
      delete.deleteById(LOCK_DOC_ID, version);
      try {
        delete.process(client, collection);
      } catch (SolrException e) {
        if (e.code() != SolrException.ErrorCode.CONFLICT.code) {
          throw e;
        }
      }
    }
  }

  private void beat() {
    try {
      version = write(client, collection, uniqueKey, owner, modelId, version);
    } catch (SolrException e) {
      if (e.code() == SolrException.ErrorCode.CONFLICT.code) {
        lost = "another publish took it over (heartbeat conflict)";
        heartbeat.shutdown();
      }
    } catch (Exception e) {
      // A missed beat is harmless unless it lasts longer than the stale timeout.
    }
  }

  private static long write(
      SolrClient client,
      String collection,
      String uniqueKey,
      String owner,
      String modelId,
      long expectedVersion)
      throws IOException, SolrServerException {
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField(uniqueKey, LOCK_DOC_ID);
    doc.setField(DOC_TYPE, TYPE_LOCK);
    doc.setField(MODEL, modelId);
    doc.setField(LOCK_OWNER, owner);
    doc.setField(LOCK_HEARTBEAT, System.currentTimeMillis());
    doc.setField("_version_", expectedVersion);
    UpdateRequest add = new UpdateRequest();
    add.add(doc);
    add.setParam("versions", "true");
    NamedList<Object> response = add.process(client, collection).getResponse();
    Object adds = response.get("adds");
    if (adds instanceof NamedList<?> versions && versions.get(LOCK_DOC_ID) instanceof Number n) {
      return n.longValue();
    }
    SolrDocument written = client.getById(collection, LOCK_DOC_ID);
    return ((Number) written.getFirstValue("_version_")).longValue();
  }
}
