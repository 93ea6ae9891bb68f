package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.search.SolrIndexSearcher;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.math.AlsFoldIn;
import org.solrpersonalize.math.LogSumExp;
import org.solrpersonalize.solr.store.ModelConstants;

/**
 * An anonymous session's profile from the items it touched ({@code items=i1,i2,...}): the user
 * vector by ALS fold-in (the same solve the trainer uses), and log cluster affinities {@code log
 * theta_k = s_k - logsumexp(s)} with {@code s_k = log pi_k + mean_i l_ik}, the posterior of a
 * cluster given the session's items treated as one averaged observation.
 */
final class SessionProfile {
  final float[] vector;
  final float[] logAffinity;
  final int itemsFound;

  private SessionProfile(float[] vector, float[] logAffinity, int itemsFound) {
    this.vector = vector;
    this.logAffinity = logAffinity;
    this.itemsFound = itemsFound;
  }

  static SessionProfile fromItems(
      SolrQueryRequest req, RequestPersonalization rp, ModelConstants m, List<String> ids)
      throws IOException {
    float[] vectors = new float[ids.size() * m.factors()];
    float[] densities = new float[ids.size() * m.clusters()];
    String uniqueKey = req.getSchema().getUniqueKeyField().getName();
    int found =
        req.getCoreContainer().isZooKeeperAware()
            ? readThroughCloud(req, rp, m, ids, uniqueKey, vectors, densities)
            : readLocal(req.getSearcher(), rp, m, ids, uniqueKey, vectors, densities);
    return fromFactors(m, vectors, densities, found);
  }

  /**
   * The profile of {@code found} items whose factors are the first rows of {@code vectors} (k each)
   * and whose cluster log-densities are the first rows of {@code densities} (K each).
   */
  static SessionProfile fromFactors(
      ModelConstants m, float[] vectors, float[] densities, int found) {
    int k = m.factors();
    int clusters = m.clusters();
    float[] vector = new float[k];
    if (found > 0) {
      float[] weights = new float[found];
      Arrays.fill(weights, 1f);
      new AlsFoldIn(k, m.gram(), m.regularization(), m.alpha())
          .solve(vectors, weights, found, vector);
    }
    float[] logAffinity = new float[clusters];
    if (found > 0 && clusters > 0) {
      double[] s = new double[clusters];
      for (int c = 0; c < clusters; c++) {
        double mean = 0;
        for (int i = 0; i < found; i++) {
          mean += densities[i * clusters + c];
        }
        s[c] = m.logWeights()[c] + mean / found;
      }
      double norm = LogSumExp.of(s, 0, clusters);
      for (int c = 0; c < clusters; c++) {
        logAffinity[c] = (float) (s[c] - norm);
      }
    }
    return new SessionProfile(vector, logAffinity, found);
  }

  private static int readLocal(
      SolrIndexSearcher searcher,
      RequestPersonalization rp,
      ModelConstants m,
      List<String> ids,
      String uniqueKey,
      float[] vectors,
      float[] densities)
      throws IOException {
    List<LeafReaderContext> leaves = searcher.getTopReaderContext().leaves();
    int found = 0;
    long tag = ModelFields.modelTag(m.modelId());
    for (String id : ids) {
      int doc = searcher.getFirstMatch(new Term(uniqueKey, id));
      if (doc < 0) {
        continue;
      }
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      int local = doc - leaf.docBase;
      ItemFactorReader item =
          new ItemFactorReader(
              leaf.reader(), rp.itemField(), rp.modelField(), tag, m.factors(), m.clusters());
      if (!item.advance(local)) {
        continue;
      }
      item.copyInto(vectors, found * m.factors(), densities, found * m.clusters());
      found++;
    }
    return found;
  }

  private static int readThroughCloud(
      SolrQueryRequest req,
      RequestPersonalization rp,
      ModelConstants m,
      List<String> ids,
      String uniqueKey,
      float[] vectors,
      float[] densities) {
    SolrClient client = req.getCoreContainer().getZkController().getSolrClient();
    String collection = req.getCore().getCoreDescriptor().getCollectionName();
    List<SolrDocument> docs;
    try {
      // POST: a hundred long ids do not fit in a URL.
      ModifiableSolrParams get = new ModifiableSolrParams();
      get.set("ids", ids.toArray(new String[0]));
      QueryRequest request = new QueryRequest(get, SolrRequest.METHOD.POST);
      request.setPath("/get");
      docs = new ArrayList<>(request.process(client, collection).getResults());
    } catch (Exception e) {
      throw new SolrException(
          SolrException.ErrorCode.SERVICE_UNAVAILABLE,
          "personalize: cannot read session items from '" + collection + "': " + e.getMessage(),
          e);
    }
    int found = 0;
    Long tag = ModelFields.modelTag(m.modelId());
    for (SolrDocument doc : docs) {
      if (!tag.equals(doc.getFirstValue(rp.modelField()))) {
        continue;
      }
      if (!(doc.getFirstValue(rp.itemField()) instanceof byte[] item)) {
        continue;
      }
      if (item.length != (m.factors() + m.clusters()) * Float.BYTES) {
        // Checked before decoding: a length that is no multiple of 4 must be this 400 too.
        throw BadRequests.formatted(
            "personalize: session item %s holds %d floats in %s but model"
                + " %s has %d factors and %d clusters",
            doc.getFirstValue(uniqueKey),
            item.length / Float.BYTES,
            rp.itemField(),
            m.modelId(),
            m.factors(),
            m.clusters());
      }
      float[] values = VectorCodec.decode(item, 0, item.length);
      System.arraycopy(values, 0, vectors, found * m.factors(), m.factors());
      System.arraycopy(values, m.factors(), densities, found * m.clusters(), m.clusters());
      found++;
    }
    return found;
  }
}
