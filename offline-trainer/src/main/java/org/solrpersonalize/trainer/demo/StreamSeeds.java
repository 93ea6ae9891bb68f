package org.solrpersonalize.trainer.demo;

import java.util.SplittableRandom;

/**
 * Independent random streams addressed by (seed, stream, index): product 17 of a catalog is the
 * same whatever the catalog size and whatever order products are generated in.
 */
final class StreamSeeds {
  static final long PRODUCTS = 1;
  static final long POPULARITY = 2;
  static final long USERS = 3;

  private StreamSeeds() {}

  static SplittableRandom random(long seed, long stream, long index) {
    return new SplittableRandom(mix(mix(seed ^ mix(stream)) + index));
  }

  /** The 64-bit finalizer of MurmurHash3: nearby inputs give unrelated outputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
