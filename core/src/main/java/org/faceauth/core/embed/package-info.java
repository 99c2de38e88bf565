/**
 * Face embeddings: aligned faces become L2-normalised vectors tagged with the model that made them, so embeddings of
 * different models are never compared.
 */
package org.faceauth.core.embed;
