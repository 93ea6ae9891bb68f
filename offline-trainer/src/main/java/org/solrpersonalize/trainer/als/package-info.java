/**
 * Matrix factorization: implicit ALS (conjugate gradient and exact Cholesky) and explicit MF (ALS,
 * SGD). The CG solve's float loops run on the JDK's Vector API when the JVM has it ({@code
 * FloatKernels}), with the same results to the bit without it.
 */
package org.solrpersonalize.trainer.als;
