package org.solrpersonalize.trainer.publish;

import java.util.Locale;

/**
 * What a publish did.
 *
 * @param modelId the model published: now active, or the candidate
 * @param slot catalog slot it was written into
 * @param previousModelId the model that was active before (null: none)
 * @param itemsWritten catalog documents that hold the model's item fields after this run
 * @param itemsAlreadyWritten of those, the ones that held them before it (a resumed publish
 *     rewrites them with the same values)
 * @param itemsMissingFromCatalog model items without a catalog document (listed to a file)
 * @param catalogDocsWithoutFactors catalog documents the model has no factors for
 * @param staleSlotDocsCleared documents whose slot held an older model and were cleared
 * @param usersWritten user profiles written
 * @param seconds wall time
 * @param alreadyActive the model was already active: nothing was written
 * @param committedEarlierSwitch an earlier publish of this model switched to it and stopped before
 *     committing; this run checked the model's counts and committed the switch
 * @param asCandidate published as the candidate ({@code publish --candidate}): the active model,
 *     {@code previousModelId}, is unchanged
 * @param overwritten what the idle slot held and this publish overwrote, e.g. {@code the candidate
 *     m3} or {@code the previous model m1}; null when there is nothing to say
 */
public record PublishReport(
    String modelId,
    String slot,
    String previousModelId,
    long itemsWritten,
    long itemsAlreadyWritten,
    long itemsMissingFromCatalog,
    long catalogDocsWithoutFactors,
    long staleSlotDocsCleared,
    long usersWritten,
    double seconds,
    boolean alreadyActive,
    boolean committedEarlierSwitch,
    boolean asCandidate,
    String overwritten) {

  /** Catalog documents per second over the whole publish. */
  public double itemsPerSecond() {
    return seconds > 0 ? itemsWritten / seconds : 0;
  }

  public String summary() {
    if (committedEarlierSwitch) {
      return String.format(
          Locale.ROOT,
          "model %s is active in slot %s (was %s): an earlier publish switched to it and stopped"
              + " before committing; %,d catalog documents and %,d profiles hold it, and the switch"
              + " is now committed",
          modelId,
          slot,
          previousModelId == null ? "none" : previousModelId,
          itemsWritten,
          usersWritten);
    }
    if (alreadyActive) {
      return String.format(
          Locale.ROOT, "model %s is already active (slot %s): nothing to do", modelId, slot);
    }
    String headline =
        asCandidate
            ? String.format(
                Locale.ROOT,
                "model %s is the candidate in slot %s; the active model %s is unchanged",
                modelId,
                slot,
                previousModelId)
            : String.format(
                Locale.ROOT,
                "model %s active in slot %s (was %s)",
                modelId,
                slot,
                previousModelId == null ? "none" : previousModelId);
    if (overwritten != null) {
      headline +=
          String.format(
              Locale.ROOT,
              "%n  overwrote %s in slot %s: %s",
              overwritten,
              slot,
              overwritten.startsWith("the candidate")
                  ? "it is no longer the candidate"
                  : "rollback to it is no longer possible");
    }
    return String.format(
        Locale.ROOT,
        "%s%n"
            + "  items written            %,d (%,.0f items/s)%n"
            + "  items already written    %,d%n"
            + "  items not in catalog     %,d%n"
            + "  catalog docs w/o factors %,d%n"
            + "  stale slot docs cleared  %,d%n"
            + "  users written            %,d%n"
            + "  time                     %.1f s",
        headline,
        itemsWritten,
        itemsPerSecond(),
        itemsAlreadyWritten,
        itemsMissingFromCatalog,
        catalogDocsWithoutFactors,
        staleSlotDocsCleared,
        usersWritten,
        seconds);
  }
}
