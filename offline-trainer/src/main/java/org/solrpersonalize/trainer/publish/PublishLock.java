package org.solrpersonalize.trainer.publish;

import static org.solrpersonalize.format.ModelFields.DOC_TYPE;
import static org.solrpersonalize.format.ModelFields.LOCK_DOC_ID;
import static org.solrpersonalize.format.ModelFields.LOCK_HEARTBEAT;
import static org.solrpersonalize.format.ModelFields.LOCK_OWNER;
import static org.solrpersonalize.format.ModelFields.MODEL;
import static org.solrpersonalize.format.ModelFields.TYPE_LOCK;

import java.io.IOException;
import java.time.Duration;
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
 * ({@code _version_=-1}: only if absent), kept alive by a heartbeat that rewrites it, each write
 * conditional on the version the previous one got.
 *
 * <p>Staleness compares no clocks of different hosts: a publish that finds the lock held watches
 * the lock document's {@code _version_} on its own clock. A change means the holder is alive (the
 * waiter is refused); no change for the whole stale timeout means the holder stopped, and the
 * waiter takes the lock over, conditional on the version it watched. The heartbeat beats several
 * times per stale timeout, at most every {@link #MAX_HEARTBEAT_PERIOD}, so a waiter is refused
 * quickly.
 *
 * <p>The holder checks the lock before each of its writes ({@link #verify}): the lock document must
 * still carry the version of its last heartbeat, or at least its owner, which is unique per
 * publish. One that was taken over stops writing and says so.
 */
final class PublishLock implements AutoCloseable {
  /** Longest heartbeat period: a live holder is recognized by a waiter within about this. */
  static final Duration MAX_HEARTBEAT_PERIOD = Duration.ofMillis(500);

  private static final String VERSION = "_version_";

  private final SolrClient client;
  private final String collection;
  private final String uniqueKey;
  private final String owner;
  private final String modelId;
  private final PublishListener listener;
  private final ScheduledExecutorService heartbeat;
  // Guarded by this: a heartbeat write and a verification never interleave.
  private long version;
  private volatile String lost;

  /**
   * Who asks for the lock of which users store, and how long a silent holder is waited for.
   *
   * @param uniqueKey the users schema's unique key field
   * @param owner who holds the lock, written on the lock document
   * @param modelId the model the lock document names
   * @param staleAfter a lock whose version does not change for this long belongs to a dead publish
   * @param listener told of a take-over as a notice, its heartbeat hook called before each beat;
   *     {@link PublishListener#NONE} when nobody listens
   */
  record Claimant(
      SolrClient client,
      String collection,
      String uniqueKey,
      String owner,
      String modelId,
      Duration staleAfter,
      PublishListener listener) {
    /**
     * Writes the lock document if its version is {@code expectedVersion} ({@code -1}: if there is
     * none) and holds it from then on.
     */
    PublishLock claim(long expectedVersion) throws IOException, SolrServerException {
      return new PublishLock(
          this, write(client, collection, uniqueKey, owner, modelId, expectedVersion));
    }
  }

  private PublishLock(Claimant claimant, long version) {
    this.client = claimant.client();
    this.collection = claimant.collection();
    this.uniqueKey = claimant.uniqueKey();
    this.owner = claimant.owner();
    this.modelId = claimant.modelId();
    this.version = version;
    this.listener = claimant.listener();
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "publish-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long period = heartbeatPeriod(claimant.staleAfter()).toMillis();
    heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
  }

  /** A quarter of the stale timeout, between 50 ms and {@link #MAX_HEARTBEAT_PERIOD}. */
  static Duration heartbeatPeriod(Duration staleAfter) {
    long millis = Math.min(MAX_HEARTBEAT_PERIOD.toMillis(), staleAfter.toMillis() / 4);
    return Duration.ofMillis(Math.max(50, millis));
  }

  /**
   * Takes the lock for {@code claimant}, waiting up to its {@code staleAfter} to tell a dead holder
   * from a live one, or refuses with a message naming the holder.
   */
  static PublishLock acquire(Claimant claimant) throws IOException, SolrServerException {
    SolrClient client = claimant.client();
    String collection = claimant.collection();
    Duration staleAfter = claimant.staleAfter();
    long pollMillis = Math.max(20, Math.min(250, staleAfter.toMillis() / 10));
    SolrDocument watched = null;
    long watchedSince = 0;
    while (true) {
      try {
        return claimant.claim(-1L);
      } catch (SolrException e) {
        if (e.code() != SolrException.ErrorCode.CONFLICT.code) {
          throw e;
        }
      }
      SolrDocument held = client.getById(collection, LOCK_DOC_ID);
      long now = System.nanoTime();
      if (held == null) {
        continue; // released between our two calls: try to create it again
      }
      if (watched == null) {
        watched = held;
        watchedSince = now;
      } else if (version(held) != version(watched)) {
        throw new PublishRefusedException(
            String.format(
                Locale.ROOT,
                "another publish holds the lock of users store '%s' (%s, model %s, last heartbeat"
                    + " seen %d ms ago); it is alive: wait for it to finish. Nothing was written",
                collection,
                held.getFirstValue(LOCK_OWNER),
                held.getFirstValue(MODEL),
                TimeUnit.NANOSECONDS.toMillis(now - watchedSince)));
      }
      long silent = now - watchedSince;
      if (silent >= staleAfter.toNanos()) {
        return takeOver(claimant, watched, silent);
      }
      sleep(Math.min(pollMillis, TimeUnit.NANOSECONDS.toMillis(staleAfter.toNanos() - silent) + 1));
    }
  }

  private static PublishLock takeOver(Claimant claimant, SolrDocument stale, long silentNanos)
      throws IOException, SolrServerException {
    try {
      PublishLock lock = claimant.claim(version(stale));
      claimant
          .listener()
          .onNotice(
              String.format(
                  Locale.ROOT,
                  "taking over the lock of a publish that stopped (%s, model %s, no heartbeat for %d"
                      + " ms)",
                  stale.getFirstValue(LOCK_OWNER),
                  stale.getFirstValue(MODEL),
                  TimeUnit.NANOSECONDS.toMillis(silentNanos)));
      return lock;
    } catch (SolrException e) {
      if (e.code() == SolrException.ErrorCode.CONFLICT.code) {
        throw new PublishRefusedException(
            "another publish took over the stale lock of users store '"
                + claimant.collection()
                + "' first; nothing was written");
      }
      throw e;
    }
  }

  /**
   * Reads the lock document and throws unless it still carries this holder's last heartbeat: called
   * before every write, so a publish whose lock was taken over stops at its next batch.
   *
   * @throws PublishLockLostException if another publish holds the lock now
   */
  void verify() throws IOException, SolrServerException {
    checkHeld();
    synchronized (this) {
      SolrDocument doc = client.getById(collection, LOCK_DOC_ID);
      if (doc == null || version(doc) != version) {
        adoptOrLose(doc);
      }
    }
    checkHeld();
  }

  /** Throws when the heartbeat or a verification found the lock taken by someone else. */
  void checkHeld() {
    String why = lost;
    if (why != null) {
      throw new PublishLockLostException(
          String.format(
              Locale.ROOT,
              "this publish (%s, model %s) lost the lock of users store '%s': %s. It stopped"
                  + " writing",
              owner,
              modelId,
              collection,
              why));
    }
  }

  /** This publish's owner string, written on the lock document. */
  String owner() {
    return owner;
  }

  /** Null while held; otherwise why the lock is not this publish's any more. */
  String lostReason() {
    return lost;
  }

  /**
   * Stops the heartbeat and deletes the lock document if it is still this holder's. A release that
   * fails (Solr unreachable) is a notice, not an error: the next publish takes the lock over.
   */
  @Override
  public void close() {
    // No interrupt while a beat is in flight: its write could land after a release that missed it.
    heartbeat.shutdown();
    try {
      if (!heartbeat.awaitTermination(10, TimeUnit.SECONDS)) {
        heartbeat.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      // Twice at most: a beat whose response was lost leaves a newer version of our own document.
      for (int attempt = 0; attempt < 2 && lost == null; attempt++) {
        UpdateRequest delete = new UpdateRequest();
        delete.deleteById(LOCK_DOC_ID, version);
        try {
          delete.process(client, collection);
          return;
        } catch (SolrException e) {
          if (e.code() != SolrException.ErrorCode.CONFLICT.code) {
            notReleased(e);
            return;
          }
          try {
            // Gone or another owner's: lost; ours with a newer version: delete that one.
            adoptOrLose(client.getById(collection, LOCK_DOC_ID));
          } catch (IOException | SolrServerException | SolrException readFailed) {
            notReleased(readFailed);
            return;
          }
        } catch (IOException | SolrServerException e) {
          notReleased(e);
          return;
        }
      }
    }
  }

  private void notReleased(Exception e) {
    listener.onNotice(
        String.format(
            Locale.ROOT,
            "could not release the publish lock of users store '%s' (%s); the next publish takes"
                + " it over after its --lock-timeout",
            collection,
            e.getMessage()));
  }

  private void beat() {
    if (lost != null) {
      return;
    }
    listener.beforeHeartbeat();
    synchronized (this) {
      try {
        version = write(client, collection, uniqueKey, owner, modelId, version);
      } catch (SolrException e) {
        if (e.code() == SolrException.ErrorCode.CONFLICT.code) {
          try {
            adoptOrLose(client.getById(collection, LOCK_DOC_ID));
          } catch (Exception readFailed) {
            lost = "another publish took it over (heartbeat conflict)";
          }
        }
      } catch (Exception e) {
        // A missed beat is harmless unless it lasts longer than the stale timeout.
      }
    }
  }

  /**
   * The lock document has another version than this holder's last write: still this holder's if its
   * owner is (a heartbeat whose response was lost, e.g. across a Solr restart), else lost.
   */
  private void adoptOrLose(SolrDocument doc) {
    if (doc != null && owner.equals(doc.getFirstValue(LOCK_OWNER))) {
      version = version(doc);
    } else {
      lost = describeHolder(doc);
    }
  }

  private static String describeHolder(SolrDocument doc) {
    if (doc == null) {
      return "another publish took it over and has released it since (or someone deleted the lock"
          + " document)";
    }
    return String.format(
        Locale.ROOT,
        "another publish (%s, model %s) took it over after this one's heartbeat stopped for longer"
            + " than its --lock-timeout",
        doc.getFirstValue(LOCK_OWNER),
        doc.getFirstValue(MODEL));
  }

  private static long version(SolrDocument doc) {
    return ((Number) doc.getFirstValue(VERSION)).longValue();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishRefusedException("interrupted while waiting for the publish lock", e);
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
    // For people reading the store; staleness never compares it with another clock.
    doc.setField(LOCK_HEARTBEAT, System.currentTimeMillis());
    doc.setField(VERSION, expectedVersion);
    UpdateRequest add = new UpdateRequest();
    add.add(doc);
    add.setParam("versions", "true");
    NamedList<Object> response = add.process(client, collection).getResponse();
    Object adds = response.get("adds");
    if (adds instanceof NamedList<?> versions && versions.get(LOCK_DOC_ID) instanceof Number n) {
      return n.longValue();
    }
    SolrDocument written = client.getById(collection, LOCK_DOC_ID);
    return version(written);
  }
}
