package org.solrpersonalize.trainer.publish;

import java.util.Locale;
import java.util.Optional;
import org.solrpersonalize.format.UsersStoreDocuments.Pointer;
import org.solrpersonalize.format.UsersStoreDocuments.SlotModel;

/**
 * The pointer each command writes, from the one it read under the lock. Active, candidate and
 * previous model:
 *
 * <ul>
 *   <li>{@code publish}: the new model is active in the idle slot, the old active becomes previous,
 *       the candidate is cleared (the idle slot held it: it is overwritten).
 *   <li>{@code publish --candidate}: the new model is the candidate in the idle slot; active is
 *       unchanged; previous stays named (its slot now holds the candidate, so {@code rollback}
 *       refuses, naming what overwrote it).
 *   <li>{@code promote}: the candidate becomes active, the old active previous, no candidate.
 *   <li>{@code rollback}: previous becomes active, the old active previous (a second rollback goes
 *       forward again), no candidate (it could only have lived in the slot that becomes active).
 * </ul>
 */
final class PointerTransitions {
  private PointerTransitions() {}

  /** Refuses a candidate publish that has no active model beside it or is the active model. */
  static void checkCanTake(String users, String modelId, Optional<ActiveModel> active) {
    if (active.isEmpty()) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "users store '%s' has no active model: publish model %s without --candidate first."
                  + " Nothing was written",
              users,
              modelId));
    }
    if (active.get().modelId().equals(modelId)) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "model %s is the active model (slot %s): a candidate must be another model. Nothing"
                  + " was written",
              modelId,
              active.get().slot()));
    }
  }

  /** The pointer after publishing {@code modelId} into {@code slot}, active or as candidate. */
  static Pointer next(Optional<Pointer> current, String modelId, String slot, boolean candidate) {
    if (candidate) {
      Pointer c = current.orElseThrow();
      return new Pointer(c.modelId(), c.slot(), new SlotModel(modelId, slot), c.previous());
    }
    return new Pointer(modelId, slot, null, current.map(Pointer::active).orElse(null));
  }

  /**
   * What the idle slot held that a publish overwrites, for its report: the candidate (always), or,
   * for a candidate publish, the previous model; null when there is nothing to say.
   */
  static String overwritten(Optional<Pointer> current, boolean candidate) {
    if (current.isEmpty()) {
      return null;
    }
    Pointer c = current.get();
    if (c.candidate() != null) {
      return "the candidate " + c.candidate().modelId();
    }
    if (candidate && c.previous() != null) {
      return "the previous model " + c.previous().modelId();
    }
    return null;
  }

  /** Promote: the candidate becomes active, the active one previous. */
  static Pointer promote(Pointer current) {
    return new Pointer(
        current.candidate().modelId(), current.candidate().slot(), null, current.active());
  }

  /** Rollback: the previous model becomes active, the active one previous. */
  static Pointer rollback(Pointer current) {
    return new Pointer(
        current.previous().modelId(), current.previous().slot(), null, current.active());
  }

  /** {@code model m2 in slot b (candidate m3 in slot a, previous m1 in slot a)}. */
  static String describe(Pointer p) {
    StringBuilder out =
        new StringBuilder(String.format(Locale.ROOT, "model %s in slot %s", p.modelId(), p.slot()));
    String candidate =
        p.candidateModel().map(c -> "candidate " + c.modelId() + " in slot " + c.slot()).orElse("");
    String previous =
        p.previousModel().map(m -> "previous " + m.modelId() + " in slot " + m.slot()).orElse("");
    if (!candidate.isEmpty() || !previous.isEmpty()) {
      out.append(" (")
          .append(candidate)
          .append(!candidate.isEmpty() && !previous.isEmpty() ? ", " : "")
          .append(previous)
          .append(')');
    }
    return out.toString();
  }
}
