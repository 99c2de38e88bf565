/**
 * Model files and their runtime: the catalogue of known files with sha256 ({@link org.faceauth.core.model.ModelFile}),
 * the one directory they are found in ({@link org.faceauth.core.model.ModelDirectory}), and the runtimes behind
 * {@link org.faceauth.core.model.InferenceModel}: ONNX Runtime sessions loaded once and shared
 * ({@link org.faceauth.core.model.OnnxModel}), and OpenCV DNN networks pooled one per concurrent caller
 * ({@link org.faceauth.core.model.OpenCvDnnModel}) for models that must run at full speed on any thread.
 */
package org.faceauth.core.model;
