package org.solrpersonalize.solr.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.solr.common.SolrException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A lookup that does not answer before the request's pz.timeout is the store's 503, at once. */
class LookupDeadlineTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    executor.shutdown();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  private String slowLookup() throws InterruptedException {
    release.await();
    return "late";
  }

  /** The error a lookup failed with, and how long the caller waited for it. */
  private record Refusal(SolrException error, long waitedMillis) {}

  private static Refusal refused(
      LookupDeadline deadline, Callable<?> lookup, Semaphore inFlight, String what) {
    long start = System.nanoTime();
    SolrException e =
        assertThrows(SolrException.class, () -> deadline.call(lookup, inFlight, false, what));
    return new Refusal(e, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  @Test
  void aLookupSlowerThanTheTimeoutIsA503NamingTheTimeout() {
    Semaphore inFlight = new Semaphore(4);
    LookupDeadline deadline = LookupDeadline.after(30, executor);
    Refusal refusal = refused(deadline, this::slowLookup, inFlight, "users collection 'users'");
    SolrException e = refusal.error();
    long waitedMillis = refusal.waitedMillis();
    assertEquals(503, e.code());
    assertEquals(
        "personalize: users collection 'users' did not answer within pz.timeout = 30 ms",
        e.getMessage());
    assertEquals(true, waitedMillis >= 29 && waitedMillis < 1_000, "waited " + waitedMillis);
    // The lookup goes on in the background, holding its permit until it ends.
    assertEquals(3, inFlight.availablePermits());
    // The deadline is the request's: a second lookup of the same request does not wait again.
    AtomicBoolean ran = new AtomicBoolean();
    refused(deadline, () -> ran.getAndSet(true), inFlight, "users collection 'users'");
    assertEquals(false, ran.get(), "a lookup past the deadline is not even started");
  }

  @Test
  void aFastLookupAnswersAndItsFailureIsItsOwn() {
    Semaphore inFlight = new Semaphore(1);
    LookupDeadline deadline = LookupDeadline.after(5_000, executor);
    assertEquals("m1", deadline.call(() -> "m1", inFlight, false, "store"));
    SolrException failure = new SolrException(SolrException.ErrorCode.SERVICE_UNAVAILABLE, "down");
    assertEquals(
        failure,
        assertThrows(
            SolrException.class,
            () ->
                deadline.call(
                    () -> {
                      throw failure;
                    },
                    inFlight,
                    false,
                    "store")));
    assertEquals(1, inFlight.availablePermits(), "each lookup gives its permit back");
  }

  @Test
  void withEveryPermitTakenARequestFailsOpenWithoutWaiting() {
    Semaphore inFlight = new Semaphore(0);
    LookupDeadline deadline = LookupDeadline.after(5_000, executor);
    Refusal refusal = refused(deadline, () -> "m1", inFlight, "store");
    assertEquals(503, refusal.error().code());
    assertEquals(true, refusal.waitedMillis() < 1_000);
  }

  @Test
  void aStoreWarmingUpMayTakeLongerThanTheTimeout() throws Exception {
    Semaphore inFlight = new Semaphore(1);
    LookupDeadline deadline = LookupDeadline.after(1, executor);
    assertEquals(
        "warm",
        deadline.call(
            () -> {
              Thread.sleep(100);
              return "warm";
            },
            inFlight,
            true,
            "store"));
  }
}
