package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.ToleratedUpdateError;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.common.util.SimpleOrderedMap;

/**
 * Sends documents in batches with a bounded number of requests in flight. The first failed batch
 * stops the writer; {@link #finish()} rethrows it naming the batch's first document id. A guard
 * (the publish lock) is checked before each batch is sent. Documents a tolerant update chain
 * skipped (its response header's {@code errors}) are collected in {@link #skipped()}.
 */
final class BatchWriter implements AutoCloseable {
  private final Destination destination;
  private final String phase;
  private final int batchSize;
  private final PublishListener listener;
  private final WriteGuard guard;
  private final SolrParams params;
  private final ExecutorService pool;
  private final Semaphore inFlight;
  private final List<Future<?>> pending = new ArrayList<>();
  private final Map<String, String> skipped = new ConcurrentHashMap<>();
  private List<SolrInputDocument> batch;
  private volatile RuntimeException failure;

  /** Checked before every batch is sent; throws to stop the writer. */
  @FunctionalInterface
  interface WriteGuard {
    void check() throws IOException, SolrServerException;
  }

  /**
   * Where a writer sends its documents.
   *
   * @param uniqueKey the collection's unique key field, to name a failed batch's first document
   */
  record Destination(SolrClient client, String collection, String uniqueKey) {}

  /**
   * @param phase what is written (e.g. {@code users}), for the listener and the messages
   * @param guard checked before each batch (the publish lock): a batch it refuses is not sent, and
   *     its exception is the writer's failure, as is
   * @param params request parameters of every update request (null: none)
   */
  BatchWriter(
      Destination destination,
      String phase,
      PublishOptions options,
      PublishListener listener,
      WriteGuard guard,
      SolrParams params) {
    this.destination = destination;
    this.phase = phase;
    this.batchSize = options.batchSize();
    this.listener = listener;
    this.guard = guard;
    this.params = params;
    this.pool =
        Executors.newFixedThreadPool(
            options.threads(),
            r -> {
              Thread t = new Thread(r, "publish-" + phase);
              t.setDaemon(true);
              return t;
            });
    this.inFlight = new Semaphore(options.threads() * 2);
    this.batch = new ArrayList<>(batchSize);
  }

  void add(SolrInputDocument doc) {
    throwIfFailed();
    batch.add(doc);
    if (batch.size() >= batchSize) {
      flush();
    }
  }

  /** Sends what is buffered and waits for every request; throws the first failure. */
  void finish() {
    flush();
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PublishRefusedException("interrupted while writing " + phase, e);
      } catch (ExecutionException e) {
        // recorded in failure
      }
    }
    pending.clear();
    throwIfFailed();
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    List<SolrInputDocument> toSend = batch;
    batch = new ArrayList<>(batchSize);
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishRefusedException("interrupted while writing " + phase, e);
    }
    pending.add(pool.submit(() -> send(toSend)));
    pending.removeIf(Future::isDone);
  }

  private void send(List<SolrInputDocument> docs) {
    try {
      if (failure != null) {
        return;
      }
      try {
        guard.check();
      } catch (PublishRefusedException e) {
        failFirst(e);
        return;
      }
      UpdateRequest request = new UpdateRequest();
      if (params != null) {
        request.setParams(new ModifiableSolrParams(params));
      }
      request.add(docs);
      NamedList<?> header =
          request.process(destination.client(), destination.collection()).getResponseHeader();
      if (header != null && header.get("errors") instanceof List<?> errors) {
        for (Object error : errors) {
          @SuppressWarnings("unchecked") // TolerantUpdateProcessor writes SimpleOrderedMap<String>
          ToleratedUpdateError e = ToleratedUpdateError.parseMap((SimpleOrderedMap<String>) error);
          skipped.put(e.getId(), e.getMessage());
        }
      }
      listener.onBatchWritten(phase, docs.size());
    } catch (Exception e) {
      failFirst(
          new PublishRefusedException(
              String.format(
                  java.util.Locale.ROOT,
                  "writing %s into '%s' failed at the batch starting with document id '%s': %s",
                  phase,
                  destination.collection(),
                  docs.get(0).getFieldValue(destination.uniqueKey()),
                  e.getMessage()),
              e));
    } finally {
      inFlight.release();
    }
  }

  private synchronized void failFirst(RuntimeException e) {
    if (failure == null) {
      failure = e;
    }
  }

  /** Id to Solr's message, for every document a tolerant update chain skipped. */
  Map<String, String> skipped() {
    return skipped;
  }

  private void throwIfFailed() {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
