package org.solrpersonalize.solr.function;

import org.apache.lucene.queries.function.ValueSource;
import org.apache.solr.search.FunctionQParser;
import org.apache.solr.search.SyntaxError;
import org.apache.solr.search.ValueSourceParser;

/**
 * {@code clusterll(U)}: {@code log sum_k theta_Uk exp(l_ik)}, the log-likelihood of the document's
 * item under user U's mixture of clusters, computed with log-sum-exp from the stored {@code log
 * theta_Uk} and the document's cluster log-densities; 0 for an unknown user, a model without
 * clusters or a document without values. Example: {@code fl=id,clusterll(u000042)}.
 */
public class ClusterLogLikelihoodValueSourceParser extends ValueSourceParser {
  @Override
  public ValueSource parse(FunctionQParser fp) throws SyntaxError {
    return ItemScoreValueSource.ofUserArgument(
        fp,
        "clusterll",
        ItemScoreValueSource.Kind.LOG_SUM_EXP,
        p -> p.logAffinity().length > 0 ? p.logAffinity() : null);
  }
}
