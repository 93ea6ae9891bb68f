package org.solrpersonalize.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps string ids to dense ints in first-seen order: the row order of every matrix and model. */
public final class IdInterner {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> ids = new ArrayList<>();

  /** Returns the index of {@code id}, assigning the next one if it is new. */
  public int intern(String id) {
    Integer known = index.get(id);
    if (known != null) {
      return known;
    }
    int next = ids.size();
    index.put(id, next);
    ids.add(id);
    return next;
  }

  /** Returns the index of {@code id}, or -1. */
  public int indexOf(String id) {
    Integer known = index.get(id);
    return known == null ? -1 : known;
  }

  public int size() {
    return ids.size();
  }

  /** The ids in index order (a read-only view). */
  public List<String> ids() {
    return Collections.unmodifiableList(ids);
  }
}
