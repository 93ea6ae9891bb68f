/**
 * Publishing a trained model into Solr: item fields onto existing catalog documents, user profiles
 * into the users store, then one atomic switch of the active model ({@link
 * org.solrpersonalize.trainer.publish.ModelPublisher}).
 */
package org.solrpersonalize.trainer.publish;
