package org.solrpersonalize.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap use: the sum of the heap pools' peak usage since the last {@link #reset()}. The pools
 * peak at different moments, so this is an upper bound of the true peak. It covers the whole JVM,
 * the embedded Solr included.
 */
final class HeapPeak {
  private HeapPeak() {}

  /** Collects garbage, then starts a new measurement. */
  static void reset() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  static double peakMb() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total / (1024.0 * 1024.0);
  }
}
