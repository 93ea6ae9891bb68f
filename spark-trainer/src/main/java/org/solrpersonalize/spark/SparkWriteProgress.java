package org.solrpersonalize.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import org.solrpersonalize.trainer.publish.PublishListener;

/**
 * The documents the executors wrote in one phase of a Spark publish, relayed on the driver to a
 * {@link PublishListener} (the progress bars): each partition adds its documents to an accumulator
 * once Solr acknowledged them, and every finished task passes the new total on as {@link
 * PublishListener#onBatchWritten}. So the bar moves a partition at a time, with its rate and ETA.
 *
 * <pre>{@code
 * try (SparkWriteProgress progress = SparkWriteProgress.start(sc, listener, "users", users)) {
 *   LongAccumulator written = progress.written();
 *   rdd.foreach(part -> { writer.writeProfiles(part.iterator()); written.add(part.size()); });
 * }
 * }</pre>
 */
final class SparkWriteProgress extends SparkListener implements AutoCloseable {
  private final SparkContext context;
  private final PublishListener listener;
  private final String phase;
  private final LongAccumulator written;
  private long relayed;
  private boolean closed;

  private SparkWriteProgress(SparkContext context, PublishListener listener, String phase) {
    this.context = context;
    this.listener = listener;
    this.phase = phase;
    this.written = context.longAccumulator("pz-publish " + phase + " documents");
  }

  /** Announces {@code phase} with its {@code total} documents and starts relaying its writes. */
  static SparkWriteProgress start(
      SparkContext context, PublishListener listener, String phase, long total) {
    listener.onPhase(phase, total);
    SparkWriteProgress progress = new SparkWriteProgress(context, listener, phase);
    context.addSparkListener(progress);
    return progress;
  }

  /** Where the executors add the documents Solr acknowledged. */
  LongAccumulator written() {
    return written;
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    relay();
  }

  // The scheduler merges a task's accumulator updates before it posts the task's end, so the
  // driver's value already holds that task's documents.
  private synchronized void relay() {
    if (closed) {
      return;
    }
    long now = written.value();
    while (now > relayed) {
      int step = (int) Math.min(now - relayed, Integer.MAX_VALUE);
      listener.onBatchWritten(phase, step);
      relayed += step;
    }
  }

  /**
   * Relays what the finished job wrote and stops: the listener bus is asynchronous, so task ends
   * may still be queued when the job returns.
   */
  @Override
  public void close() {
    relay();
    synchronized (this) {
      closed = true;
    }
    context.removeSparkListener(this);
  }
}
