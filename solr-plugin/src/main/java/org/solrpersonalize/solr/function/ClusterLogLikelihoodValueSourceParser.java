package org.solrpersonalize.solr.function;

import java.util.Optional;
import org.apache.lucene.queries.function.ValueSource;
import org.apache.solr.search.FunctionQParser;
import org.apache.solr.search.SyntaxError;
import org.apache.solr.search.ValueSourceParser;
import org.solrpersonalize.solr.search.RequestPersonalization;
import org.solrpersonalize.solr.store.UserProfile;

/**
 * {@code clusterll(U)}: {@code log sum_k theta_Uk exp(l_ik)}, the log-likelihood of the document's
 * item under user U's mixture of clusters, computed with log-sum-exp from the stored {@code log
 * theta_Uk} and the document's cluster log-densities; 0 for an unknown user, a model without
 * clusters or a document without values. Example: {@code fl=id,clusterll(u000042)}.
 */
public class ClusterLogLikelihoodValueSourceParser extends ValueSourceParser {
  @Override
  public ValueSource parse(FunctionQParser fp) throws SyntaxError {
    String user = UserArgument.parse(fp, "clusterll");
    RequestPersonalization rp = RequestPersonalization.of(fp.getReq());
    Optional<UserProfile> profile = rp.user(user).filter(p -> p.logAffinity().length > 0);
    return ItemScoreValueSource.ofRequestModel(
        "clusterll",
        user,
        ItemScoreValueSource.Kind.LOG_SUM_EXP,
        rp,
        profile.map(UserProfile::logAffinity).orElse(null));
  }
}
