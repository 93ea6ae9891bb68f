package org.solrpersonalize.trainer.concurrent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a task over rows {@code 0..rows-1} cut into fixed blocks of {@code blockSize}, on a fixed
 * number of threads: the one deterministic chunk runner of the trainer (ALS, the baselines, the
 * evaluation and the mixture's EM). The blocks do not depend on the thread count and each block
 * returns its own partial result, which is combined in block order ({@link #run} returns partial
 * sums to add with {@link #sum}; {@link #fold} hands results to the calling thread one by one):
 * results are the same with 1 or 8 threads, to the last bit.
 *
 * <pre>{@code
 * try (RowBlocks blocks = new RowBlocks(2)) {
 *   double total = RowBlocks.sum(blocks.run(rows, 256, () -> new float[k],
 *       (from, to, scratch) -> solveRows(from, to, scratch)));
 * }
 * }</pre>
 */
public final class RowBlocks implements AutoCloseable {

  /** Work over rows {@code [from, to)} with per-thread scratch state; returns a partial sum. */
  @FunctionalInterface
  public interface BlockTask<S> {
    double run(int from, int to, S scratch);
  }

  /** Computes the result of rows {@code [first, first + rows)}. */
  @FunctionalInterface
  public interface BlockResult<P> {
    P run(int first, int rows);
  }

  private final int threads;
  private final ExecutorService pool;

  /**
   * @param threads worker threads (1 runs everything on the calling thread)
   */
  public RowBlocks(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    AtomicInteger counter = new AtomicInteger();
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "row-blocks-" + counter.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
  }

  public int threads() {
    return threads;
  }

  /**
   * Runs {@code task} over every block.
   *
   * @param scratch creates one scratch state per thread (work arrays, solvers)
   * @return the partial sum of each block, in block order
   */
  public <S> double[] run(int rows, int blockSize, Supplier<S> scratch, BlockTask<S> task) {
    int blocks = blockCount(rows, blockSize);
    double[] partial = new double[blocks];
    if (pool == null || blocks <= 1) {
      S state = scratch.get();
      for (int b = 0; b < blocks; b++) {
        partial[b] = task.run(b * blockSize, Math.min(rows, (b + 1) * blockSize), state);
      }
      return partial;
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < Math.min(threads, blocks); t++) {
      workers.add(
          pool.submit(
              () -> {
                S state = scratch.get();
                int b;
                while ((b = next.getAndIncrement()) < blocks) {
                  partial[b] = task.run(b * blockSize, Math.min(rows, (b + 1) * blockSize), state);
                }
              }));
    }
    try {
      for (Future<?> worker : workers) {
        await(worker);
      }
    } finally {
      workers.forEach(w -> w.cancel(true)); // stops the others after a failure; no-op when done
    }
    return partial;
  }

  /**
   * Runs {@code task} on every block and hands each result to {@code fold} on the calling thread,
   * in block order (block 0, 1, 2, ...), so a floating-point fold does not depend on the thread
   * count. At most {@code 2 * threads} block results are alive at once.
   */
  public <P> void fold(int rows, int blockSize, BlockResult<P> task, Consumer<P> fold) {
    int blocks = blockCount(rows, blockSize);
    if (pool == null) {
      for (int b = 0; b < blocks; b++) {
        fold.accept(runBlock(task, rows, blockSize, b));
      }
      return;
    }
    ArrayDeque<Future<P>> pending = new ArrayDeque<>();
    int submitted = 0;
    try {
      for (int b = 0; b < blocks; b++) {
        while (submitted < blocks && submitted < b + 2 * threads) {
          int block = submitted++;
          pending.addLast(pool.submit(() -> runBlock(task, rows, blockSize, block)));
        }
        fold.accept(await(pending.removeFirst()));
      }
    } finally {
      for (Future<P> f : pending) {
        f.cancel(true);
      }
    }
  }

  private static int blockCount(int rows, int blockSize) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be >= 1, got " + blockSize);
    }
    return (int) ((rows + (long) blockSize - 1) / blockSize);
  }

  private static <P> P runBlock(BlockResult<P> task, int rows, int blockSize, int block) {
    int first = block * blockSize;
    return task.run(first, Math.min(blockSize, rows - first));
  }

  private static <P> P await(Future<P> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a row block", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Adds partial sums in order, so the total does not depend on which thread ran what. */
  public static double sum(double[] partial) {
    double total = 0;
    for (double p : partial) {
      total += p;
    }
    return total;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
