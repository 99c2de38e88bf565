/** Matching: cosine similarity of embeddings and the decision at a calibrated threshold. Pure functions. */
package org.faceauth.core.match;
