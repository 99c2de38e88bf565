/** The audit trail: who enrolled, verified, identified or erased whom, with outcome; never biometric data. */
package org.faceauth.core.audit;
