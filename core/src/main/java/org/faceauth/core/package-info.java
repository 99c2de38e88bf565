/**
 * FaceAuth core: the face pipeline as a plain Java library (no Spring, HTTP or SQL).
 *
 * <p>Sub-packages by feature: {@code image} (decode), {@code model} (model files and ONNX Runtime sessions),
 * {@code detect}, {@code align}, {@code embed}, {@code match}, {@code quality}, {@code pipeline} (composes them into
 * enrollment and verification) and {@code evaluation} (accuracy metrics).
 */
package org.faceauth.core;
