/** Implicit-feedback ALS (Hu, Koren, Volinsky 2008) with a conjugate-gradient row solver. */
package org.solrpersonalize.trainer.als;
