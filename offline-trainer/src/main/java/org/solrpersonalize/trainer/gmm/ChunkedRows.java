package org.solrpersonalize.trainer.gmm;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a task over fixed chunks of {@value #CHUNK_ROWS} rows on a few threads and folds the
 * per-chunk results in chunk order.
 *
 * <p>Chunk boundaries never depend on the thread count and the fold always sees chunk 0, 1, 2, ...
 * in that order on the calling thread, so floating-point sums are bit-identical for 1 or 8
 * threads. At most {@code 2 * threads} chunk results are alive at once.
 */
final class ChunkedRows implements AutoCloseable {
  /** Rows per chunk; also the block width of the density kernels. */
  static final int CHUNK_ROWS = 256;

  /** Computes the result of rows {@code [first, first + rows)}. */
  @FunctionalInterface
  interface ChunkTask<P> {
    P run(int first, int rows);
  }

  private final int threads;
  private final ExecutorService pool;

  ChunkedRows(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, new Workers());
  }

  static int chunkCount(int n) {
    return (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
  }

  /** Runs {@code task} on every chunk of {@code n} rows and hands each result to {@code fold}. */
  <P> void run(int n, ChunkTask<P> task, Consumer<P> fold) {
    int chunks = chunkCount(n);
    if (pool == null) {
      for (int c = 0; c < chunks; c++) {
        fold.accept(runChunk(task, n, c));
      }
      return;
    }
    ArrayDeque<Future<P>> pending = new ArrayDeque<>();
    int submitted = 0;
    try {
      for (int c = 0; c < chunks; c++) {
        while (submitted < chunks && submitted < c + 2 * threads) {
          int chunk = submitted++;
          pending.addLast(pool.submit(() -> runChunk(task, n, chunk)));
        }
        fold.accept(await(pending.removeFirst()));
      }
    } finally {
      for (Future<P> f : pending) {
        f.cancel(true);
      }
    }
  }

  private static <P> P runChunk(ChunkTask<P> task, int n, int chunk) {
    int first = chunk * CHUNK_ROWS;
    return task.run(first, Math.min(CHUNK_ROWS, n - first));
  }

  private static <P> P await(Future<P> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a row chunk", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** Daemon threads, so a forgotten close never keeps the JVM alive. */
  private static final class Workers implements java.util.concurrent.ThreadFactory {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final int pool = POOLS.incrementAndGet();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "gmm-" + pool + "-rows-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
