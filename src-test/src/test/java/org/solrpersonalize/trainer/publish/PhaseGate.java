package org.solrpersonalize.trainer.publish;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A test hook that stops a publish at one phase: pauses it (its lock's heartbeat still beating),
 * freezes it as a stopped process would be (heartbeat frozen too, so its lock goes stale), or
 * throws there as a kill would. Records the notices the publish gives.
 */
final class PhaseGate implements PublishListener {
  enum Mode {
    PAUSE,
    FREEZE,
    THROW
  }

  private final PublishPhase at;
  private final Mode mode;
  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch resumed = new CountDownLatch(1);
  private volatile boolean frozen;
  final List<String> notices = new CopyOnWriteArrayList<>();

  PhaseGate(PublishPhase at, Mode mode) {
    this.at = at;
    this.mode = mode;
  }

  @Override
  public void atPhase(PublishPhase phase) {
    if (phase != at) {
      return;
    }
    if (mode == Mode.THROW) {
      throw new IllegalStateException("killed at " + phase);
    }
    frozen = mode == Mode.FREEZE;
    reached.countDown();
    awaitResume();
    frozen = false;
  }

  @Override
  public void beforeHeartbeat() {
    if (frozen) {
      awaitResume();
    }
  }

  @Override
  public void onNotice(String message) {
    notices.add(message);
  }

  /** Waits until the publish reaches the phase; fails at once if it ended before. */
  void awaitReached(Future<?> publish) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!reached.await(50, TimeUnit.MILLISECONDS)) {
      if (publish.isDone()) {
        publish.get(); // throws its failure
        fail("the publish ended without reaching " + at);
      }
      if (System.nanoTime() > deadline) {
        StringBuilder stacks = new StringBuilder();
        Thread.getAllStackTraces()
            .forEach(
                (thread, stack) -> {
                  String trace = Arrays.toString(stack);
                  if (trace.contains("trainer.publish")) {
                    stacks.append(thread.getName()).append(": ").append(trace).append('\n');
                  }
                });
        fail("the publish never reached " + at + "; publish threads:\n" + stacks);
      }
    }
  }

  void resume() {
    resumed.countDown();
  }

  private void awaitResume() {
    try {
      resumed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
