package org.solrpersonalize.solr.search;

import org.apache.solr.common.util.SimpleOrderedMap;

/**
 * What personalization did for one request; the {@code personalization} response section. Example:
 *
 * <pre>{@code
 * "personalization":{"model":"m20261123-101500-3fa9c2","slot":"a","source":"profile",
 *   "user":"u000042","userFound":true,"windowSize":200,"docsWithoutFactors":3}
 * }</pre>
 *
 * {@code source} is {@code profile} (user=), {@code session} (items=), {@code vector} (uv=) or
 * {@code none}, with {@code fallback} saying why ({@code unknown-user}, {@code user-in-other-model}
 * with {@code userModel}, {@code no-active-model}, {@code no-session-items}, {@code
 * users-store-unavailable}, {@code damaged-profile}: a stored profile whose dimensions are not its
 * model's, {@code time-allowed}: the rerank would have run past {@code timeAllowed}, so the window
 * kept its text order).
 */
public final class PersonalizationReport {
  /**
   * Fallback of a rerank stopped by Solr's {@code timeAllowed} (or another query limit): the window
   * keeps its text order.
   */
  public static final String TIME_ALLOWED = "time-allowed";

  public String model;
  public String slot;
  public String source = "none";
  public String user;
  public Boolean userFound;
  public String fallback;

  /** With fallback {@code user-in-other-model}: the model that has the user's profile. */
  public String userModel;

  public int sessionItemsFound = -1;
  public int windowSize;
  public int docsWithoutFactors;

  public SimpleOrderedMap<Object> toNamedList() {
    SimpleOrderedMap<Object> out = new SimpleOrderedMap<>();
    out.add("model", model);
    out.add("slot", slot);
    out.add("source", source);
    if (user != null) {
      out.add("user", user);
      out.add("userFound", userFound);
    }
    if (sessionItemsFound >= 0) {
      out.add("sessionItemsFound", sessionItemsFound);
    }
    if (fallback != null) {
      out.add("fallback", fallback);
    }
    if (userModel != null) {
      out.add("userModel", userModel);
    }
    out.add("windowSize", windowSize);
    out.add("docsWithoutFactors", docsWithoutFactors);
    return out;
  }
}
