package org.solrpersonalize.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Slice;

/**
 * Which shard of a collection a document id goes to, by the collection's own router (read once on
 * the driver), so that each Spark partition of a publish writes to one shard only and the number of
 * partitions per shard bounds the writers a shard sees at once. A standalone core is one shard.
 */
final class ShardRouting {
  private final DocCollection collection;
  private final List<String> shards;

  private ShardRouting(DocCollection collection, List<String> shards) {
    this.collection = collection;
    this.shards = shards;
  }

  /** The routing of {@code name}: its active slices in SolrCloud, one shard otherwise. */
  static ShardRouting of(SolrClient client, String name) throws IOException {
    if (!(client instanceof CloudSolrClient cloud)) {
      return new ShardRouting(null, List.of("standalone"));
    }
    DocCollection collection = cloud.getClusterStateProvider().getCollection(name);
    if (collection == null) {
      throw new IOException("SolrCloud has no collection '" + name + "'");
    }
    List<String> names = new ArrayList<>();
    for (Slice slice : collection.getActiveSlices()) {
      names.add(slice.getName());
    }
    names.sort(null);
    return new ShardRouting(collection, List.copyOf(names));
  }

  int shards() {
    return shards.size();
  }

  /** The index (in {@code 0..shards()-1}) of the shard that holds {@code id}. */
  int shardOf(String id) {
    if (collection == null) {
      return 0;
    }
    Slice slice = collection.getRouter().getTargetSlice(id, null, null, null, collection);
    return shards.indexOf(slice.getName());
  }
}
