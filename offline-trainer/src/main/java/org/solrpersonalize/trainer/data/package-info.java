/** Loading interaction logs into compact id-interned sparse matrices. */
package org.solrpersonalize.trainer.data;
