package org.solrpersonalize.trainer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.solrpersonalize.trainer.publish.PublishedStore.stateAfterStopping;
import static org.solrpersonalize.trainer.publish.PublishedStore.withoutOwners;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.solr.common.SolrInputDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.synthetic.SyntheticModels;

/**
 * Publishes that overlap, stop and fail at every phase against a real standalone Solr: after each,
 * the active model answers with all its factors and profiles (the new one or the previous one), and
 * every message the publishers gave is true.
 */
class PublishFaultInjectionTest extends StandaloneSolrTest {
  private static final List<String> USERS = SyntheticModels.ids("u", 0, 10);
  private static final List<String> ITEMS = SyntheticModels.ids("p", 0, 25);
  private static final ModelDirectory.Model M1 = model("m1", ITEMS);
  private static final ModelDirectory.Model M2 = model("m2", ITEMS);
  private static final ModelDirectory.Model M3 = model("m3", ITEMS);
  private static final Duration WAITER_TIMEOUT = Duration.ofSeconds(1);

  /**
   * The lock timeout of a publish that must see a live holder: it is refused at the holder's next
   * beat (within 0.5 s), so a long timeout costs nothing and keeps a loaded machine from making the
   * holder look dead.
   */
  private static final Duration PATIENT_WAITER_TIMEOUT = Duration.ofSeconds(10);

  /** 30 products, model m1 (25 of them, 10 users) active in slot a. */
  @BeforeEach
  void m1IsActive() throws Exception {
    CatalogFixtures.resetWithProducts(client, 30);
    publisher(PublishListener.NONE, PublishOptions.DEFAULT_LOCK_STALE_AFTER).publish(client, M1);
    store.assertActiveAndWhole(M1, "a", 25);
  }

  private static ModelDirectory.Model model(String id, List<String> items) {
    return SyntheticModels.model(id, items, USERS, 4, 2, id.hashCode());
  }

  private static ModelPublisher publisher(PublishListener listener, Duration lockTimeout) {
    return publisher(listener, new PublishOptions(5, 1, lockTimeout, null, false));
  }

  /** The refusal of publishing {@code model}, nobody listening, with the default lock timeout. */
  private static PublishRefusedException refused(ModelDirectory.Model model) {
    return assertThrows(
        PublishRefusedException.class,
        () ->
            publisher(PublishListener.NONE, PublishOptions.DEFAULT_LOCK_STALE_AFTER)
                .publish(client, model));
  }

  private static ModelPublisher publisher(PublishListener listener, PublishOptions options) {
    return new ModelPublisher(
        SolrTarget.standalone(solr.baseUrl(), "catalog", "users"), options, listener);
  }

  private static CompletableFuture<PublishReport> inThread(
      ModelPublisher publisher, ModelDirectory.Model model) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return publisher.publish(client, model);
          } catch (PublishFailedException e) {
            throw new CompletionException(e);
          }
        });
  }

  /** The exception a publish run by {@link #inThread} ended with. */
  private static Throwable failureOf(CompletableFuture<PublishReport> publish) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> publish.get(60, TimeUnit.SECONDS));
    return e.getCause();
  }

  /**
   * The reproduction of overlapping nightly jobs: publisher A is frozen at {@code phase} as a
   * stopped process (its heartbeat too), B waits out the lock timeout, takes the lock over and
   * publishes m3; A resumes, sees at its next write that it lost the lock, stops, and says so with
   * the store's true state.
   */
  @ParameterizedTest
  @EnumSource(PublishPhase.class)
  void aFrozenPublishLosesItsLockAndStopsWhileTheOtherCompletes(PublishPhase phase)
      throws Exception {
    PhaseGate frozenA = new PhaseGate(phase, PhaseGate.Mode.FREEZE);
    CompletableFuture<PublishReport> a =
        inThread(publisher(frozenA, PublishOptions.DEFAULT_LOCK_STALE_AFTER), M2);
    frozenA.awaitReached(a);

    PhaseGate notesB = new PhaseGate(null, PhaseGate.Mode.PAUSE);
    PublishReport b = publisher(notesB, WAITER_TIMEOUT).publish(client, M3);
    boolean aSwitched = phase.compareTo(PublishPhase.SWITCH_COMMIT) >= 0;
    String slotB = aSwitched ? "a" : "b";
    assertEquals("m3", b.modelId());
    assertEquals(slotB, b.slot());
    assertEquals(aSwitched ? "m2" : "m1", b.previousModelId());
    assertEquals(25, b.itemsWritten());
    assertEquals(10, b.usersWritten());
    assertTrue(
        withoutOwners(notesB.notices.get(0))
            .matches(
                "taking over the lock of a publish that stopped \\(<owner>, model m2, no heartbeat"
                    + " for [0-9]+ ms\\)"),
        notesB.notices.get(0));
    if (phase == PublishPhase.SWITCH_COMMIT) {
      assertEquals(
          "committed the switch to model m2 (slot b) that an earlier publish made but did not"
              + " commit (10 profiles and 25 catalog documents hold it)",
          notesB.notices.get(1));
    }
    store.assertActiveAndWhole(M3, slotB, 25);

    frozenA.resume();
    if (phase == PublishPhase.RELEASE) {
      PublishReport reportA = a.get(60, TimeUnit.SECONDS);
      assertEquals("b", reportA.slot());
      assertEquals(
          "after its switch was committed, this publish lost the lock before releasing it:"
              + " another publish took it over and has released it since (or someone deleted the"
              + " lock document); model m2 may have been replaced since",
          withoutOwners(frozenA.notices.get(0)));
    } else {
      Throwable failure = failureOf(a);
      assertInstanceOf(PublishRefusedException.class, failure);
      assertEquals(
          "this publish (<owner>, model m2) lost the lock of users store 'users': another publish"
              + " took it over and has released it since (or someone deleted the lock document)."
              + " It stopped writing; "
              + stateAfterStopping("m3", slotB, 25, 10),
          withoutOwners(failure.getMessage()));
    }
    store.assertActiveAndWhole(M3, slotB, 25);
    assertNull(client.getById("users", ModelFields.LOCK_DOC_ID), "B released its lock");
  }

  /**
   * A publish paused at {@code phase} while its heartbeat beats keeps its lock: the other is
   * refused at once, naming it, and the paused one completes when it resumes.
   */
  @ParameterizedTest
  @EnumSource(PublishPhase.class)
  void aPausedPublishKeepsItsLockAndTheOtherIsRefused(PublishPhase phase) throws Exception {
    PhaseGate pausedA = new PhaseGate(phase, PhaseGate.Mode.PAUSE);
    CompletableFuture<PublishReport> a =
        inThread(publisher(pausedA, PublishOptions.DEFAULT_LOCK_STALE_AFTER), M2);
    pausedA.awaitReached(a);

    PublishRefusedException refusedB =
        assertThrows(
            PublishRefusedException.class,
            () -> publisher(PublishListener.NONE, PATIENT_WAITER_TIMEOUT).publish(client, M3));
    assertTrue(
        withoutOwners(refusedB.getMessage())
            .matches(
                "another publish holds the lock of users store 'users' \\(<owner>, model m2, last"
                    + " heartbeat seen [0-9]+ ms ago\\); it is alive: wait for it to finish."
                    + " Nothing was written"),
        refusedB.getMessage());

    pausedA.resume();
    PublishReport reportA = a.get(60, TimeUnit.SECONDS);
    assertEquals("b", reportA.slot());
    assertEquals(25, reportA.itemsWritten());
    store.assertActiveAndWhole(M2, "b", 25);
    assertEquals(0, new UsersStoreWriter(client, "users", "id").userCount("m3"));
  }

  /**
   * A publish stopped at {@code phase} (an exception from the hook, as a kill would) leaves the
   * previous model whole, or its own once the switch is committed; its message says which, and a
   * rerun completes it.
   */
  @ParameterizedTest
  @EnumSource(PublishPhase.class)
  void aPublishStoppedAtEachPhaseTellsTheStateAndARerunCompletesIt(PublishPhase phase)
      throws Exception {
    PublishFailedException stopped =
        assertThrows(
            PublishFailedException.class,
            () ->
                publisher(
                        new PhaseGate(phase, PhaseGate.Mode.THROW),
                        PublishOptions.DEFAULT_LOCK_STALE_AFTER)
                    .publish(client, M2));
    String state =
        switch (phase) {
          case LOCK, CATALOG -> "nothing was written, the active model is unchanged";
          case PROFILES, COMMIT, SWITCH -> stateAfterStopping("m1", "a", 25, 10);
          case SWITCH_COMMIT ->
              stateAfterStopping("m1", "a", 25, 10)
                  + "; a switch to model m2 in slot b is written but not committed: rerun"
                  + " publish to check and commit it";
          case RELEASE -> stateAfterStopping("m2", "b", 25, 10);
        };
    assertEquals(
        "publish of model m2 stopped: killed at " + phase + "; " + state, stopped.getMessage());
    if (phase == PublishPhase.RELEASE) {
      store.assertActiveAndWhole(M2, "b", 25);
    } else {
      store.assertActiveAndWhole(M1, "a", 25);
    }

    PublishReport rerun =
        publisher(PublishListener.NONE, PublishOptions.DEFAULT_LOCK_STALE_AFTER)
            .publish(client, M2);
    switch (phase) {
      case SWITCH_COMMIT ->
          assertEquals(
              "model m2 is active in slot b (was m1): an earlier publish switched to it and"
                  + " stopped before committing; 25 catalog documents and 10 profiles hold it,"
                  + " and the switch is now committed",
              rerun.summary());
      case RELEASE ->
          assertEquals("model m2 is already active (slot b): nothing to do", rerun.summary());
      default -> {
        assertFalse(rerun.alreadyActive());
        assertEquals(25, rerun.itemsWritten());
        assertEquals(
            phase.compareTo(PublishPhase.PROFILES) >= 0 ? 25 : 0, rerun.itemsAlreadyWritten());
      }
    }
    store.assertActiveAndWhole(M2, "b", 25);
  }

  /**
   * A publish killed by the OS ({@code kill -9} of its JVM) after its pointer update and before the
   * commit: queries still use m1, and the rerun (which must wait out the dead lock) commits m2's
   * switch after counting it, instead of calling it already active.
   */
  @Test
  void aPublishKilledBetweenSwitchAndCommitIsCommittedByTheRerun(@TempDir Path work)
      throws Exception {
    Path m2Dir = work.resolve("m2");
    ModelDirectory.write(m2Dir, M2);
    Process publish =
        PublishUntilKilled.start(solr.baseUrl(), m2Dir, PublishPhase.SWITCH_COMMIT.name());
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(publish.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("phase SWITCH_COMMIT", out.readLine());
      publish.destroyForcibly().waitFor(); // SIGKILL
    }
    assertEquals(
        "m2", client.getById("users", ModelFields.ACTIVE_DOC_ID).getFirstValue(ModelFields.MODEL));
    store.assertActiveAndWhole(M1, "a", 25);

    PublishReport rerun = publisher(PublishListener.NONE, WAITER_TIMEOUT).publish(client, M2);
    assertEquals(
        "model m2 is active in slot b (was m1): an earlier publish switched to it and stopped"
            + " before committing; 25 catalog documents and 10 profiles hold it, and the switch is"
            + " now committed",
        rerun.summary());
    store.assertActiveAndWhole(M2, "b", 25);
  }

  /** "Already active: nothing to do" only after counting that the active model is there. */
  @Test
  void anActiveModelMissingProfilesIsNotCalledActiveWithNothingToDo() throws Exception {
    client.deleteById("users", List.of("m1/u3", "m1/u4"));
    client.commit("users");
    PublishRefusedException e = refused(M1);
    assertEquals(
        "model m1 is active (slot a) but only 8 profiles (of 10) and 25 catalog documents hold"
            + " it: the store was changed outside publish. Nothing was written; publish another"
            + " model, then this one again",
        e.getMessage());
  }

  @Test
  void aPointerChangedSinceItWasReadIsNotOverwritten() throws Exception {
    PublishListener switchesBehindTheLock =
        new PublishListener() {
          @Override
          public void atPhase(PublishPhase phase) {
            if (phase == PublishPhase.SWITCH) {
              try { // someone updates the pointer without the lock (same content, new version)
                client.add(
                    "users",
                    UsersStoreWriter.document(
                        new UsersStoreDocuments.Pointer("m1", "a").toFields("id")));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
          }
        };
    PublishRefusedException e =
        assertThrows(
            PublishRefusedException.class,
            () ->
                publisher(switchesBehindTheLock, PublishOptions.DEFAULT_LOCK_STALE_AFTER)
                    .publish(client, M2));
    assertEquals(
        "the pointer of users store 'users' changed since this publish read it under the lock (it"
            + " named model m1): someone switched models without the lock. Model m2 was written"
            + " into slot b but not switched to; "
            + stateAfterStopping("m1", "a", 25, 10),
        e.getMessage());
    client.commit("users");
    store.assertActiveAndWhole(M1, "a", 25);
  }

  /**
   * A lock whose heartbeat time lies a day ahead (a host with a wrong clock) but whose document no
   * longer changes is taken over after the waiter's own timeout.
   */
  @Test
  void aDeadLockIsTakenOverWhateverTheClockOfItsHost() throws Exception {
    SolrInputDocument ghost = new SolrInputDocument();
    ghost.setField("id", ModelFields.LOCK_DOC_ID);
    ghost.setField(ModelFields.DOC_TYPE, ModelFields.TYPE_LOCK);
    ghost.setField(ModelFields.MODEL, "m9");
    ghost.setField(ModelFields.LOCK_OWNER, "ghost@elsewhere");
    ghost.setField(
        ModelFields.LOCK_HEARTBEAT, System.currentTimeMillis() + Duration.ofDays(1).toMillis());
    client.add("users", ghost);

    PhaseGate notes = new PhaseGate(null, PhaseGate.Mode.PAUSE);
    long start = System.nanoTime();
    PublishReport report = publisher(notes, WAITER_TIMEOUT).publish(client, M2);
    assertTrue(System.nanoTime() - start >= WAITER_TIMEOUT.toNanos(), "waited out the timeout");
    assertEquals("b", report.slot());
    assertTrue(
        notes
            .notices
            .get(0)
            .matches(
                "taking over the lock of a publish that stopped \\(ghost@elsewhere, model m9, no"
                    + " heartbeat for [0-9]+ ms\\)"),
        notes.notices.get(0));
    store.assertActiveAndWhole(M2, "b", 25);
  }

  @Test
  void aModelWhoseIdsMatchNoCatalogDocumentIsRefusedBeforeWriting() throws Exception {
    ModelDirectory.Model skus = model("m2", SyntheticModels.ids("sku-", 0, 25));
    PublishRefusedException e = refused(skus);
    assertEquals(
        "model m2: none of 25 of its items (model ids such as 'sku-0', 'sku-1', 'sku-2') has a"
            + " document in catalog 'catalog' (ids such as 'p0', 'p1', 'p10'): the model's item"
            + " ids must be values of the catalog's unique key 'id'. Nothing was written, the"
            + " active model is unchanged",
        e.getMessage());
    assertNull(client.getById("users", ModelFields.modelDocId("m2")));
    assertNull(client.getById("catalog", "p1").getFirstValue("pz_model_b"));
    store.assertActiveAndWhole(M1, "a", 25);
  }

  /** A thousand ids of 30 bytes are looked up in a request body: in a URL they pass 8,192 bytes. */
  @Test
  void aThousandLongItemIdsAreLookedUpInTheRequestBody() throws Exception {
    ModelDirectory.Model longIds =
        model("m2", SyntheticModels.ids("catalog-item-identifier-", 0, 1200));
    PublishRefusedException e = refused(longIds);
    assertEquals(
        "model m2: none of 1,000 of its items (model ids such as 'catalog-item-identifier-0',"
            + " 'catalog-item-identifier-1', 'catalog-item-identifier-2') has a document in catalog"
            + " 'catalog' (ids such as 'p0', 'p1', 'p10'): the model's item ids must be values of"
            + " the catalog's unique key 'id'. Nothing was written, the active model is unchanged",
        e.getMessage());
    store.assertActiveAndWhole(M1, "a", 25);
  }

  @Test
  void aModelCoveringLessThanTheMinimumIsWrittenButNotSwitchedTo() throws Exception {
    List<String> items = new ArrayList<>(SyntheticModels.ids("sku-", 0, 23));
    items.addAll(List.of("p3", "p4")); // 2 of 25 = 8% < 10%
    ModelDirectory.Model mostlySkus = model("m2", items);
    PublishRefusedException e = refused(mostlySkus);
    assertEquals(
        "model m2: only 2 of its 25 items have a catalog document, below the minimum of 3"
            + " (--min-coverage 0.1); model ids such as 'sku-0', 'sku-1', 'sku-2' have none,"
            + " catalog 'catalog' has ids such as 'p0', 'p1', 'p10': the model's item ids must be"
            + " values of the catalog's unique key 'id'. Model m2 was written into slot b but not"
            + " switched to; "
            + stateAfterStopping("m1", "a", 25, 10),
        e.getMessage());
    store.assertActiveAndWhole(M1, "a", 25);

    PublishReport accepted =
        publisher(
                PublishListener.NONE,
                new PublishOptions(
                    5,
                    1,
                    PublishOptions.DEFAULT_LOCK_STALE_AFTER,
                    null,
                    false,
                    0.05,
                    PublishOptions.DEFAULT_SEEN_MAX))
            .publish(client, mostlySkus);
    assertEquals(2, accepted.itemsWritten());
    assertEquals(23, accepted.itemsMissingFromCatalog());
  }

  @Test
  void aValueThatIsNotFiniteIsRefusedNamingFileRowAndId() throws Exception {
    float[] itemFactors = M2.itemFactors().clone();
    itemFactors[3 * 4 + 2] = Float.NaN;
    assertRefusedBeforeWriting(
        withArrays(M2, M2.userFactors(), itemFactors, M2.itemLogDensity(), M2.userLogAffinity()),
        "model m2: item_factors.f32 holds NaN in row 3 (item 'p3'), column 2; nothing was written,"
            + " the active model is unchanged");

    float[] affinity = M2.userLogAffinity().clone();
    affinity[7 * 2 + 1] = Float.NEGATIVE_INFINITY;
    assertRefusedBeforeWriting(
        withArrays(M2, M2.userFactors(), M2.itemFactors(), M2.itemLogDensity(), affinity),
        "model m2: user_log_affinity.f32 holds -Infinity in row 7 (user 'u7'), column 1; nothing"
            + " was written, the active model is unchanged");

    float[] huge = M2.itemFactors().clone();
    huge[11 * 4] = 1e20f; // finite, but its square overflows float32 in Y^T Y
    assertRefusedBeforeWriting(
        withArrays(M2, M2.userFactors(), huge, M2.itemLogDensity(), M2.userLogAffinity()),
        String.format(
            java.util.Locale.ROOT,
            "model m2: the fold-in Gram matrix Y^T Y of item_factors.f32 overflows float32 at (0,"
                + " 0): %s; its largest row is 11 (item 'p11'); nothing was written, the active"
                + " model is unchanged",
            org.solrpersonalize.math.AlsFoldIn.gram(huge, 4)[0]));
  }

  @Test
  void aUserIdLongerThanOneSolrTermIsRefusedNamingItsLineAndLength() throws Exception {
    List<String> users = new ArrayList<>(USERS);
    users.set(2, "u".repeat(UsersStoreDocuments.maxUserIdBytes("m2") + 1));
    ModelDirectory.Model longId = SyntheticModels.model("m2", ITEMS, users, 4, 2, 5);
    assertRefusedBeforeWriting(
        longId,
        "model m2: the user id on line 3 of user_ids.txt ('uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu...')"
            + " has 32,764 UTF-8 bytes; Solr indexes at most 32,766 bytes per term (32,763 for a"
            + " user id under this model); nothing was written, the active model is unchanged");
  }

  private void assertRefusedBeforeWriting(ModelDirectory.Model model, String message)
      throws Exception {
    PublishRefusedException e = refused(model);
    assertEquals(message, e.getMessage());
    assertNull(client.getById("users", ModelFields.LOCK_DOC_ID), "the lock was never taken");
    assertNull(client.getById("catalog", "p1").getFirstValue("pz_model_b"));
    store.assertActiveAndWhole(M1, "a", 25);
  }

  private static ModelDirectory.Model withArrays(
      ModelDirectory.Model m,
      float[] userFactors,
      float[] itemFactors,
      float[] itemLogDensity,
      float[] userLogAffinity) {
    return new ModelDirectory.Model(
        m.manifest(),
        m.userIds(),
        m.itemIds(),
        userFactors,
        itemFactors,
        itemLogDensity,
        userLogAffinity,
        m.gmmLogWeights(),
        null);
  }
}
