package org.solrpersonalize.trainer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.solrpersonalize.trainer.publish.PublishedStore.stateAfterStopping;
import static org.solrpersonalize.trainer.publish.PublishedStore.withoutOwners;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments.Pointer;
import org.solrpersonalize.format.UsersStoreDocuments.SlotModel;
import org.solrpersonalize.synthetic.SyntheticModels;
import org.solrpersonalize.trainer.cli.CliRun;
import org.solrpersonalize.trainer.cli.TrainerCli;

/**
 * {@code publish --candidate}, {@code promote}, {@code rollback} and {@code status} against a real
 * standalone Solr with the plugin: the active model's responses are compared byte for byte.
 */
class CandidateLifecycleTest extends StandaloneSolrTest {
  private static final List<String> USERS = SyntheticModels.ids("u", 0, 10);
  private static final List<String> ITEMS = SyntheticModels.ids("p", 0, 25);
  private static final ModelDirectory.Model M1 = model("m1", null);
  private static final ModelDirectory.Model M2 = model("m2", 0.21);
  private static final ModelDirectory.Model M3 = model("m3", 0.19);

  /** 30 products, model m1 (25 of them, 10 users) active in slot a, published at 23:01. */
  @BeforeEach
  void m1IsActive() throws Exception {
    CatalogFixtures.resetWithProducts(client, 30);
    publisher(PublishListener.NONE, 1).publish(client, M1);
  }

  /** A model whose manifest records {@code ndcg} (holdout) and a validation score, if not null. */
  private static ModelDirectory.Model model(String id, Double ndcg) {
    ModelDirectory.Model m = SyntheticModels.model(id, ITEMS, USERS, 4, 2, id.hashCode());
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (ndcg != null) {
      metrics.put("ndcg@10", ndcg);
      metrics.put("validation.ndcg@10", ndcg + 0.04);
    }
    return new ModelDirectory.Model(
        m.manifest().withMetrics(metrics),
        m.userIds(),
        m.itemIds(),
        m.userFactors(),
        m.itemFactors(),
        m.itemLogDensity(),
        m.userLogAffinity(),
        m.gmmLogWeights(),
        null);
  }

  /** A publisher whose clock says 23:0{@code minute}:00 on 2026-12-04. */
  private static ModelPublisher publisher(PublishListener listener, int minute) {
    return publisher(listener, minute, PublishOptions.DEFAULT_LOCK_STALE_AFTER);
  }

  private static ModelPublisher publisher(PublishListener listener, int minute, Duration timeout) {
    return new ModelPublisher(
        target(),
        new PublishOptions(5, 1, timeout, null, false),
        listener,
        Clock.fixed(Instant.parse("2026-12-04T23:0" + minute + ":00Z"), ZoneOffset.UTC));
  }

  private static SolrTarget target() {
    return SolrTarget.standalone(solr.baseUrl(), "catalog", "users");
  }

  private static ModelSwitcher switcher() {
    return new ModelSwitcher(
        target(), PublishOptions.DEFAULT_LOCK_STALE_AFTER, PublishListener.NONE);
  }

  private static List<String> pages() throws Exception {
    return PersonalizedPages.of(solr.baseUrl(), "catalog", USERS);
  }

  private static Pointer latestPointer() throws Exception {
    return Pointer.read(client.getById("users", ModelFields.ACTIVE_DOC_ID)::getFirstValue);
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }

  @Test
  void aCandidatePublishLeavesEveryActiveResponseByteIdentical() throws Exception {
    List<String> before = pages();
    assertTrue(before.get(0).contains("\"model\":\"m1\""), before.get(0));

    PublishReport report = publisher(PublishListener.NONE, 2).publishCandidate(client, M2);

    assertEquals(
        "model m2 is the candidate in slot b; the active model m1 is unchanged",
        firstLine(report.summary()));
    assertEquals(25, report.itemsWritten());
    assertEquals(10, report.usersWritten());
    assertEquals(new Pointer("m1", "a", new SlotModel("m2", "b"), null), latestPointer());
    assertEquals(before, pages(), "every page, byte for byte, with the pointer naming a candidate");
    store.assertActiveAndWhole(M1, "a", 25);
  }

  @Test
  void promoteThenRollbackGivesBackThePreviousModelsPagesExactly() throws Exception {
    List<String> m1Pages = pages();
    publisher(PublishListener.NONE, 2).publishCandidate(client, M2);

    SwitchReport promoted = switcher().promote(client);
    assertEquals(
        "promoted the candidate model m2: it is active in slot b; model m1 (slot a) is the"
            + " previous model, rollback returns to it",
        promoted.summary());
    assertEquals(new Pointer("m2", "b", null, new SlotModel("m1", "a")), latestPointer());
    List<String> m2Pages = pages();
    assertNotEquals(m1Pages, m2Pages);
    for (String page : m2Pages) {
      assertTrue(page.contains("\"model\":\"m2\""), page);
    }
    store.assertActiveAndWhole(M2, "b", 25);

    SwitchReport rolledBack = switcher().rollback(client);
    assertEquals(
        "rolled back to model m1: it is active in slot a; model m2 (slot b) is the previous"
            + " model, rollback returns to it",
        rolledBack.summary());
    assertEquals(m1Pages, pages(), "m1's pages, byte for byte");

    switcher().rollback(client);
    assertEquals(m2Pages, pages(), "a second rollback goes forward again");
    assertEquals(new Pointer("m2", "b", null, new SlotModel("m1", "a")), latestPointer());
  }

  @Test
  void rollbackAfterTheSlotWasOverwrittenIsRefusedNamingTheModel() throws Exception {
    publisher(PublishListener.NONE, 2).publish(client, M2);
    List<String> m2Pages = pages();
    PublishReport candidate = publisher(PublishListener.NONE, 3).publishCandidate(client, M3);
    assertEquals(
        "model m3 is the candidate in slot a; the active model m2 is unchanged\n"
            + "  overwrote the previous model m1 in slot a: rollback to it is no longer possible",
        candidate.summary().lines().limit(2).reduce((a, b) -> a + "\n" + b).orElseThrow());

    PublishRefusedException refused =
        assertThrows(PublishRefusedException.class, () -> switcher().rollback(client));
    String message =
        "cannot roll back to model m1: slot a now holds model m3 (published"
            + " 2026-12-04T23:03:00Z); the active model m2 (slot b) is unchanged";
    assertEquals(message, refused.getMessage());
    assertEquals(
        new Pointer("m2", "b", new SlotModel("m3", "a"), new SlotModel("m1", "a")),
        latestPointer());
    assertEquals(m2Pages, pages());
    assertNull(client.getById("users", ModelFields.LOCK_DOC_ID), "the lock was released");

    CliRun rollback = CliRun.of("rollback", "--solr", solr.baseUrl());
    assertEquals(TrainerCli.BAD_INPUT, rollback.exitCode());
    assertEquals("error: " + message + "\n", rollback.err());
  }

  @Test
  void aNormalPublishOverTheCandidateClearsItAndSaysSo() throws Exception {
    publisher(PublishListener.NONE, 2).publishCandidate(client, M2);
    PublishReport report = publisher(PublishListener.NONE, 3).publish(client, M3);
    assertEquals(
        "model m3 active in slot b (was m1)\n"
            + "  overwrote the candidate m2 in slot b: it is no longer the candidate",
        report.summary().lines().limit(2).reduce((a, b) -> a + "\n" + b).orElseThrow());
    assertEquals(new Pointer("m3", "b", null, new SlotModel("m1", "a")), latestPointer());
    assertEquals(0, new UsersStoreWriter(client, "users", "id").userCount("m2"));
    store.assertActiveAndWhole(M3, "b", 25);
    StoreStatus status = new StoreStatusReader(target()).read(client);
    assertTrue(status.previous().whole(), "the previous model m1 is kept whole");
    SwitchReport back = switcher().rollback(client); // so rollback can return to it
    assertEquals(new SlotModel("m1", "a"), back.active());
    store.assertActiveAndWhole(M1, "a", 25);
  }

  @Test
  void promoteWithoutACandidateIsRefused() throws Exception {
    String message =
        "users store 'users' has no candidate model to promote: publish one with publish"
            + " --candidate; the active model m1 (slot a) is unchanged";
    PublishRefusedException refused =
        assertThrows(PublishRefusedException.class, () -> switcher().promote(client));
    assertEquals(message, refused.getMessage());
    CliRun promote = CliRun.of("promote", "--solr", solr.baseUrl());
    assertEquals(TrainerCli.BAD_INPUT, promote.exitCode());
    assertEquals("error: " + message + "\n", promote.err());
    assertEquals("", promote.out());
    assertEquals(
        "users store 'users' has no previous model to roll back to; the active model m1 (slot a)"
            + " is unchanged",
        assertThrows(PublishRefusedException.class, () -> switcher().rollback(client))
            .getMessage());
    assertEquals(new Pointer("m1", "a"), latestPointer());
  }

  @Test
  void theCommandLinePublishesACandidateThenPromotesIt(@TempDir Path work) throws Exception {
    Path m2Dir = work.resolve("m2");
    ModelDirectory.write(m2Dir, M2);
    List<String> m1Pages = pages();
    CliRun publish =
        CliRun.of(
            "publish",
            "--candidate",
            "--model",
            m2Dir.toString(),
            "--solr",
            solr.baseUrl(),
            "--no-progress");
    assertEquals(TrainerCli.OK, publish.exitCode(), publish.err());
    assertEquals(
        "model m2 is the candidate in slot b; the active model m1 is unchanged",
        firstLine(publish.out()));
    assertEquals(m1Pages, pages());

    CliRun promote = CliRun.of("promote", "--solr", solr.baseUrl(), "--lock-timeout", "5");
    assertEquals(TrainerCli.OK, promote.exitCode(), promote.err());
    assertEquals(
        "promoted the candidate model m2: it is active in slot b; model m1 (slot a) is the"
            + " previous model, rollback returns to it\n",
        promote.out());
    store.assertActiveAndWhole(M2, "b", 25);
  }

  @Test
  void aCandidateMustBeAnotherModelThanTheActiveOne() {
    PublishRefusedException refused =
        assertThrows(
            PublishRefusedException.class,
            () -> publisher(PublishListener.NONE, 2).publishCandidate(client, M1));
    assertEquals(
        "model m1 is the active model (slot a): a candidate must be another model. Nothing was"
            + " written",
        refused.getMessage());
  }

  @Test
  void statusPrintsActiveCandidateAndPreviousAsTextAndJson() throws Exception {
    publisher(PublishListener.NONE, 2).publish(client, M2);
    publisher(PublishListener.NONE, 3).publishCandidate(client, M3);

    CliRun text = CliRun.of("status", "--solr", solr.baseUrl());
    assertEquals(TrainerCli.OK, text.exitCode(), text.err());
    assertEquals(
        String.join(
            "\n",
            "users store 'users', catalog 'catalog'",
            "active     m2  slot b  published 2026-12-04T23:02:00Z  10 profiles  25 catalog"
                + " documents",
            "           metrics ndcg@10 0.2100, validation.ndcg@10 0.2500",
            "candidate  m3  slot a  published 2026-12-04T23:03:00Z  10 profiles  25 catalog"
                + " documents",
            "           metrics ndcg@10 0.1900, validation.ndcg@10 0.2300",
            "previous   m1  slot a  published (unknown)  0 profiles  0 catalog documents",
            "           not whole: slot a now holds model m3 (published 2026-12-04T23:03:00Z)",
            "           metrics none recorded",
            "catalog    30 documents",
            "  slot a   25 hold a model, 25 hold m3, 0 hold m1",
            "  slot b   25 hold a model, 25 hold m2",
            ""),
        text.out());

    CliRun json = CliRun.of("status", "--solr", solr.baseUrl(), "--json");
    assertEquals(TrainerCli.OK, json.exitCode(), json.err());
    assertEquals(
        ModelDirectory.json()
            .readTree(
                "{\"catalog\":\"catalog\",\"users\":\"users\","
                    + "\"active\":{\"model\":\"m2\",\"slot\":\"b\",\"published\":\"2026-12-04T23:02:00Z\","
                    + "\"profiles\":10,\"catalogDocuments\":25,"
                    + "\"metrics\":{\"ndcg@10\":0.21,\"validation.ndcg@10\":0.25},"
                    + "\"whole\":true,\"notWhole\":null},"
                    + "\"candidate\":{\"model\":\"m3\",\"slot\":\"a\",\"published\":\"2026-12-04T23:03:00Z\","
                    + "\"profiles\":10,\"catalogDocuments\":25,"
                    + "\"metrics\":{\"ndcg@10\":0.19,\"validation.ndcg@10\":0.23},"
                    + "\"whole\":true,\"notWhole\":null},"
                    + "\"previous\":{\"model\":\"m1\",\"slot\":\"a\",\"published\":null,"
                    + "\"profiles\":0,\"catalogDocuments\":0,\"metrics\":{},\"whole\":false,"
                    + "\"notWhole\":\"slot a now holds model m3 (published 2026-12-04T23:03:00Z)\"},"
                    + "\"catalogDocuments\":{\"documents\":30,\"slots\":{"
                    + "\"a\":{\"withModel\":25,\"models\":{\"m3\":25,\"m1\":0}},"
                    + "\"b\":{\"withModel\":25,\"models\":{\"m2\":25}}}}}"),
        ModelDirectory.json().readTree(json.out()));
    assertTrue(json.out().endsWith("}\n"), json.out());
  }

  /**
   * Two candidate publishes that overlap: A is frozen (heartbeat too) after writing the idle slot;
   * B takes the stale lock over and records m3 as the candidate; A stops at its next write and says
   * it lost the lock.
   */
  @Test
  void twoOverlappingCandidatePublishesOneWinsTheOtherSaysItLost() throws Exception {
    List<String> m1Pages = pages();
    PhaseGate frozenA = new PhaseGate(PublishPhase.PROFILES, PhaseGate.Mode.FREEZE);
    CompletableFuture<PublishReport> a =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return publisher(frozenA, 2).publishCandidate(client, M2);
              } catch (PublishFailedException e) {
                throw new CompletionException(e);
              }
            });
    frozenA.awaitReached(a);

    PublishReport b =
        publisher(PublishListener.NONE, 3, Duration.ofSeconds(1)).publishCandidate(client, M3);
    assertEquals(
        "model m3 is the candidate in slot b; the active model m1 is unchanged",
        firstLine(b.summary()));
    frozenA.resume();
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> a.get(60, TimeUnit.SECONDS));
    assertInstanceOf(PublishRefusedException.class, failure.getCause());
    assertEquals(
        "this publish (<owner>, model m2) lost the lock of users store 'users': another publish"
            + " took it over and has released it since (or someone deleted the lock document)."
            + " It stopped writing; "
            + stateAfterStopping("m1", "a", 25, 10),
        withoutOwners(failure.getCause().getMessage()));
    assertEquals(new Pointer("m1", "a", new SlotModel("m3", "b"), null), latestPointer());
    assertEquals(m1Pages, pages());
    StoreStatus status = new StoreStatusReader(target()).read(client);
    assertTrue(status.candidate().whole(), String.valueOf(status.candidate()));
    assertEquals(25, status.candidate().catalogDocuments());
    assertEquals(0, new UsersStoreWriter(client, "users", "id").userCount("m2"));
  }

  /**
   * A candidate publish stopped at each phase before its pointer update is committed leaves the
   * active model's pages byte-identical and no candidate in what queries read.
   */
  @ParameterizedTest
  @EnumSource(
      value = PublishPhase.class,
      names = {"LOCK", "CATALOG", "PROFILES", "COMMIT", "SWITCH", "SWITCH_COMMIT"})
  void aCandidatePublishKilledMidwayLeavesTheActiveModelAndNoCandidate(PublishPhase phase)
      throws Exception {
    List<String> m1Pages = pages();
    PublishFailedException stopped =
        assertThrows(
            PublishFailedException.class,
            () ->
                publisher(new PhaseGate(phase, PhaseGate.Mode.THROW), 2)
                    .publishCandidate(client, M2));
    String state =
        switch (phase) {
          case LOCK, CATALOG -> "nothing was written, the active model is unchanged";
          case SWITCH_COMMIT ->
              stateAfterStopping("m1", "a", 25, 10)
                  + "; the pointer naming model m2 as the candidate is written but not"
                  + " committed: rerun publish --candidate to commit it";
          default -> stateAfterStopping("m1", "a", 25, 10);
        };
    assertEquals(
        "publish of model m2 stopped: killed at " + phase + "; " + state, stopped.getMessage());
    assertEquals("m1/a", store.committedPointer());
    assertEquals(
        new Pointer("m1", "a"),
        new UsersStoreWriter(client, "users", "id").committedPointer().orElseThrow(),
        "no candidate recorded");
    assertEquals(m1Pages, pages());
    store.assertActiveAndWhole(M1, "a", 25);

    PublishReport rerun = publisher(PublishListener.NONE, 3).publishCandidate(client, M2);
    assertEquals(25, rerun.itemsWritten());
    assertEquals(new Pointer("m1", "a", new SlotModel("m2", "b"), null), latestPointer());
    assertEquals(m1Pages, pages());
  }
}
