/** Enrolled people: validated ids, profiles and status. No biometric data lives here. */
package org.faceauth.core.user;
