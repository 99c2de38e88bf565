/**
 * Composition: {@link org.faceauth.core.pipeline.FaceEngine} loads models once and builds the enrollment and
 * verification {@link org.faceauth.core.pipeline.FacePipeline}s according to the configured
 * {@link org.faceauth.core.pipeline.DetectorStrategy}.
 */
package org.faceauth.core.pipeline;
