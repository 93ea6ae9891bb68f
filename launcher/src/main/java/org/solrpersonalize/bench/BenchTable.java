package org.solrpersonalize.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.solrpersonalize.bench.training.TuningQuality;
import org.solrpersonalize.trainer.ColdItemReport;

/** The table for people: header, one block per section, notes and warnings. */
final class BenchTable {
  private BenchTable() {}

  static String render(BenchReport r) {
    StringBuilder s = new StringBuilder();
    BenchReport.Sizes z = r.header().sizes();
    header(s, r.header());

    section(s, r.query(), q -> query(s, q, z));
    section(s, r.training(), t -> training(s, t));
    section(s, r.publish(), p -> publishing(s, p, z));
    section(s, r.quality(), q -> quality(s, q));
    section(s, r.diversity(), d -> DiversityTradeoff.tableLines(d).forEach(l -> line(s, "%s", l)));

    s.append('\n');
    for (String note : r.notes()) {
      line(s, "note: %s", note);
    }
    for (String warning : r.warnings()) {
      line(s, "WARNING: %s", warning);
    }
    line(s, "wall time: %.0f s", r.wallSeconds());
    return s.toString();
  }

  /** What ran where: the machine, the sizes and the sections measured. */
  private static void header(StringBuilder s, BenchReport.Header h) {
    BenchReport.Machine m = h.machine();
    BenchReport.Sizes z = h.sizes();
    line(
        s,
        "solr-personalize benchmark (bin/bench)  %s  commit %s  seed %d",
        h.date(),
        h.commit(),
        h.seed());
    line(
        s,
        "machine: %d cores, %s %s (%s), max heap %,d MB, %s; plugin SIMD (Vector API) %s;"
            + " transparent huge pages %s",
        m.cores(),
        m.jdkVendor(),
        m.jdkVersion(),
        m.vm(),
        m.maxHeapMb(),
        m.os(),
        m.simd() ? "on" : "off",
        m.hugePages() ? "on" : "off");
    line(
        s,
        "sizes: catalog %,d products, %,d users, k=%d, K=%d; %d text queries x %d rounds"
            + " (+%d warm-up), reRankDocs %d;",
        z.products(),
        z.users(),
        z.factors(),
        z.clusters(),
        z.queries(),
        z.rounds(),
        z.warmupRounds(),
        z.rerankDocs());
    line(
        s,
        "       ALS %s interactions x %d iterations; GMM %,d x %d; publish %,d + %,d items;"
            + " %d threads",
        counts(z.interactions()),
        z.alsIterations(),
        z.gmmRows(),
        z.factors(),
        z.publishItems(),
        z.products(),
        z.threads());
    line(s, "sections: %s", String.join(",", h.sections()));
  }

  /** A blank line and the block of a section, when the run measured it. */
  private static <T> void section(StringBuilder s, T measured, Consumer<T> block) {
    if (measured != null) {
      s.append('\n');
      block.accept(measured);
    }
  }

  private static void query(StringBuilder s, BenchReport.QuerySection q, BenchReport.Sizes z) {
    line(
        s,
        "QUERY TIME  catalog %,d docs (%d segments), rows=10, single client thread, %d"
            + " requests per variant, interleaved",
        q.catalogDocs(),
        q.segments(),
        q.requestsPerVariant());
    for (BenchReport.CacheModeRun run : q.cacheModes()) {
      line(
          s,
          "  item-factor cache pz.cache=%s: %,.1f MB, %,d rows, %d of %d segment slots dense"
              + " (rows by doc id)",
          run.mode(),
          run.cacheBytes() / (1024.0 * 1024.0),
          run.cacheRows(),
          run.denseSlots(),
          run.cacheSlots());
      variants(s, run.variants(), run.ratios());
    }
    BenchReport.Int8Overlap int8 = q.int8();
    line(
        s,
        "  int8 vs float: top-10 ids shared %.2f of 10 for (b), %.2f for (d) (target >= 9.5),"
            + " over %d requests of %d users; bytes per row %.4f of float's (target 0.25)",
        int8.rerankTop10(),
        int8.userdotTop10(),
        int8.requests(),
        int8.users(),
        int8.memoryRatio());
    line(s, "  (d) and (e) top 10 ids shared: %d of 10", q.topIdsAgreement());
    line(
        s,
        "  setup: indexing %.1f s, publishing %.1f s, vec_knn64 atomic updates %.1f s"
            + " (HNSW M=%d, beam %d), then %.1f s for their merges to end before the first query;"
            + " peak heap %,.0f MB",
        q.indexSeconds(),
        q.publishSeconds(),
        q.knnSeconds(),
        z.knnHnsw().get(0),
        z.knnHnsw().get(1),
        q.mergeWaitSeconds(),
        q.peakHeapMb());
  }

  private static void training(StringBuilder s, BenchReport.TrainingSection t) {
    line(s, "TRAINING  peak heap %,.0f MB", t.peakHeapMb());
    line(
        s,
        "  %-34s %10s %9s %11s %8s %9s %8s %9s",
        "implicit ALS (CG)",
        "users",
        "items",
        "nonzeros",
        "s/iter",
        "total s",
        "gen s",
        "peak MB");
    for (BenchReport.AlsRun a : t.als()) {
      line(
          s,
          "  %-34s %,10d %,9d %,11d %8.3f %9.2f %8.2f %,9.0f",
          String.format(
              Locale.ROOT,
              "%,d interactions, k=%d, %d it",
              a.interactions(),
              a.factors(),
              a.iterations()),
          a.users(),
          a.items(),
          a.nonZeros(),
          a.secondsPerIteration(),
          a.totalSeconds(),
          a.generateSeconds(),
          a.peakHeapMb());
    }
    if (!t.gmm().isEmpty()) {
      line(
          s,
          "  %-34s %10s %9s %11s %8s %9s %8s %9s",
          "GMM EM",
          "iter",
          "converged",
          "CPU s",
          "s/iter",
          "total s",
          "",
          "peak MB");
      for (BenchReport.GmmRun g : t.gmm()) {
        line(
            s,
            "  %-34s %10d %9s %11.2f %8.3f %9.2f %8s %,9.0f",
            String.format(
                Locale.ROOT,
                "%,d x %d, K=%d, %s",
                g.rows(),
                g.dimension(),
                g.components(),
                g.covariance()),
            g.iterations(),
            g.converged() ? "yes" : "no",
            g.cpuSeconds(),
            g.secondsPerIteration(),
            g.seconds(),
            "",
            g.peakHeapMb());
      }
    }
  }

  private static void publishing(
      StringBuilder s, BenchReport.PublishSection p, BenchReport.Sizes z) {
    line(
        s,
        "PUBLISHING  k=%d, K=%d, batch 500, %d threads; peak heap %,.0f MB",
        z.factors(),
        z.clusters(),
        z.threads(),
        p.peakHeapMb());
    line(s, "  %12s %8s %10s %10s  %s", "items", "users", "seconds", "items/s", "into");
    for (BenchReport.PublishRun run : p.runs()) {
      line(
          s,
          "  %,12d %,8d %10.1f %,10.0f  %s (indexed in %.1f s)",
          run.items(),
          run.users(),
          run.seconds(),
          run.itemsPerSecond(),
          run.catalog(),
          run.indexSeconds());
    }
  }

  private static void quality(StringBuilder s, TuningQuality.Result q) {
    line(
        s,
        "QUALITY  generated shop, %,d user-item pairs, NDCG@10 over %,d users (20%% random holdout)",
        q.interactions(),
        q.users());
    line(s, "  %-44s %8.4f", "defaults (regularization 100, alpha 5)", q.defaultNdcg());
    line(
        s,
        "  %-44s %8.4f",
        String.format(
            Locale.ROOT,
            "tuned (auto: regularization %s, alpha %s)",
            q.regularization(),
            q.alpha()),
        q.tunedNdcg());
    line(s, "  %-44s %8.4f", "popularity", q.popularityNdcg());
    line(
        s,
        "  tuning cost: %.2f fits of %d (the final fit included), %d points tried",
        q.fits(),
        q.budget(),
        q.points());
    ColdItemReport cold = q.coldItems();
    line(
        s,
        "  cold items: %,d products held out (%.0f%%), NDCG@10 over %,d users who touched them",
        cold.heldOutItems(),
        cold.fraction() * 100,
        cold.users());
    line(s, "  %-44s %8.4f", "content factors (title, category, brand)", cold.ndcg());
    line(s, "  %-44s %8.4f", "random order", cold.randomNdcg());
    line(s, "  %-44s %8.4f", "category popularity", cold.categoryPopularityNdcg());
  }

  /** The variant lines and p50 ratios of one run. */
  private static void variants(
      StringBuilder s, List<BenchReport.Variant> variants, BenchReport.Ratios ratios) {
    line(s, "  %-3s %-70s %8s %8s %8s  %s", "", "request", "p50 ms", "p99 ms", "q/s", "check");
    for (BenchReport.Variant v : variants) {
      line(
          s,
          "  %-3s %-70s %8.2f %8.2f %8.1f  %s",
          "(" + v.id() + ")",
          v.request(),
          v.p50Ms(),
          v.p99Ms(),
          v.queriesPerSecond(),
          v.verified() ? "ok" : "FAILED: " + v.check());
    }
    line(
        s,
        "  p50 ratios: (b)/(a) %.2f (target < %.2f: %s)   (b)/(f) %.2f (target <= %.2f: %s)"
            + "   (c)/(a) %.2f   (d)/(e) %.2f (target <= %.2f: %s)"
            + "   (g)/(b) %.2f (target <= %.2f: %s)",
        ratios.rerankUserOverText(),
        ratios.rerankUserTarget(),
        met(ratios.rerankUserOverText() < ratios.rerankUserTarget()),
        ratios.rerankUserOverSolrRerank(),
        ratios.rerankUserOverSolrRerankTarget(),
        met(ratios.rerankUserOverSolrRerank() <= ratios.rerankUserOverSolrRerankTarget()),
        ratios.rerankSessionOverText(),
        ratios.userdotOverVectorSimilarity(),
        ratios.userdotOverVectorSimilarityTarget(),
        met(ratios.userdotOverVectorSimilarity() <= ratios.userdotOverVectorSimilarityTarget()),
        ratios.interleavedOverRerankUser(),
        ratios.interleavedOverRerankUserTarget(),
        met(ratios.interleavedOverRerankUser() <= ratios.interleavedOverRerankUserTarget()));
    line(
        s,
        "  paired, median over steps of a variant's latency over (a)'s in the same step:"
            + " (b) %.3f   (c) %.3f   (g) %.3f   (h) %.3f   (i) %.3f",
        paired(variants, QueryTimer.Kind.RERANK_USER),
        paired(variants, QueryTimer.Kind.RERANK_SESSION),
        paired(variants, QueryTimer.Kind.RERANK_INTERLEAVED),
        paired(variants, QueryTimer.Kind.RERANK_SEEN_EXCLUDE),
        paired(variants, QueryTimer.Kind.RERANK_SEEN_DEMOTE));
    line(
        s,
        "  seen items, p50 over (b): (h) exclude %+.3f ms, (i) demote %+.3f ms (target <= %.1f: %s)",
        ratios.seenExcludeOverRerankUserMs(),
        ratios.seenDemoteOverRerankUserMs(),
        ratios.seenOverheadTargetMs(),
        met(
            Math.max(ratios.seenExcludeOverRerankUserMs(), ratios.seenDemoteOverRerankUserMs())
                <= ratios.seenOverheadTargetMs()));
  }

  /** The variants are in {@link QueryTimer.Kind}'s order, as {@code Bench.ratios} reads them. */
  private static double paired(List<BenchReport.Variant> variants, QueryTimer.Kind kind) {
    return variants.get(kind.ordinal()).pairedOverText();
  }

  private static String met(boolean met) {
    return met ? "met" : "missed";
  }

  private static String counts(List<Integer> values) {
    StringBuilder b = new StringBuilder();
    for (int v : values) {
      b.append(b.length() == 0 ? "" : " + ").append(String.format(Locale.ROOT, "%,d", v));
    }
    return b.toString();
  }

  private static void line(StringBuilder s, String format, Object... args) {
    s.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
