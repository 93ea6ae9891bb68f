/** Factors for items without interactions, predicted from their catalog content (ridge map). */
package org.solrpersonalize.trainer.content;
