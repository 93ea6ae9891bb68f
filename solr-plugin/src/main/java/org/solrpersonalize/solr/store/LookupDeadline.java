package org.solrpersonalize.solr.store;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.solr.common.SolrException;

/**
 * How long one request's users-store lookups may still take ({@code pz.timeout}, from the request's
 * first lookup). A remote lookup runs on Solr's executor while the request waits at most the time
 * left; one that does not answer in time is the store's "cannot answer" (an HTTP 503 the request
 * turns into the fallback {@code users-store-unavailable}) and finishes in the background, where
 * the store caches its answer for the next request.
 */
public final class LookupDeadline {
  /**
   * How long a lookup may take while its store is warming up ({@link #WARM_UP_MILLIS} after the
   * node first used it), whatever the deadline: the first lookups open connections (TLS) and run
   * code the JIT has not compiled yet, which on a busy node takes longer than a warm lookup's
   * {@code pz.timeout}. Measured in the SolrCloud tests on 2 shared cores: 60 to 400 ms.
   */
  static final long WARM_UP_WAIT_MILLIS = 2_000;

  /** How long after a node first uses a store its lookups may take {@link #WARM_UP_WAIT_MILLIS}. */
  static final long WARM_UP_MILLIS = 60_000;

  /** No limit: lookups run in the calling thread (tests and in-process reads). */
  public static final LookupDeadline NONE = new LookupDeadline(0, 0, null);

  private final long timeoutMillis;
  private final long deadlineNanos;
  private final Executor executor;

  private LookupDeadline(long timeoutMillis, long deadlineNanos, Executor executor) {
    this.timeoutMillis = timeoutMillis;
    this.deadlineNanos = deadlineNanos;
    this.executor = executor;
  }

  /** A deadline {@code timeoutMillis} from now; lookups run on {@code executor}. */
  public static LookupDeadline after(long timeoutMillis, Executor executor) {
    return new LookupDeadline(
        timeoutMillis, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis), executor);
  }

  public long timeoutMillis() {
    return timeoutMillis;
  }

  /**
   * Runs {@code lookup} and returns its value if it answers before the deadline. At most as many
   * lookups as {@code inFlight} has permits wait on one store at once: during an outage, requests
   * fail open at once instead of piling up threads.
   *
   * @param warmingUp whether the store is still warming up ({@link #WARM_UP_WAIT_MILLIS})
   * @param what the store, for the message of a lookup that did not answer in time
   */
  <T> T call(Callable<T> lookup, Semaphore inFlight, boolean warmingUp, String what) {
    if (executor == null) {
      return callHere(lookup);
    }
    long left = deadlineNanos - System.nanoTime();
    if (warmingUp) {
      left = Math.max(left, TimeUnit.MILLISECONDS.toNanos(WARM_UP_WAIT_MILLIS));
    }
    if (left <= 0 || !inFlight.tryAcquire()) {
      throw tooSlow(what);
    }
    // The permit goes back before the answer is visible, so the next lookup of a caller finds it.
    FutureTask<T> task =
        new FutureTask<>(
            () -> {
              try {
                return lookup.call();
              } finally {
                inFlight.release();
              }
            });
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      inFlight.release();
      throw new SolrException(
          SolrException.ErrorCode.SERVICE_UNAVAILABLE,
          "personalize: cannot read " + what + ": " + e.getMessage(),
          e);
    }
    try {
      return task.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw tooSlow(what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw tooSlow(what);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new SolrException(
          SolrException.ErrorCode.SERVICE_UNAVAILABLE,
          "personalize: cannot read " + what + ": " + e.getCause(),
          e.getCause());
    }
  }

  private static <T> T callHere(Callable<T> lookup) {
    try {
      return lookup.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SolrException(SolrException.ErrorCode.SERVICE_UNAVAILABLE, e.getMessage(), e);
    }
  }

  private SolrException tooSlow(String what) {
    return new SolrException(
        SolrException.ErrorCode.SERVICE_UNAVAILABLE,
        "personalize: " + what + " did not answer within pz.timeout = " + timeoutMillis + " ms");
  }
}
