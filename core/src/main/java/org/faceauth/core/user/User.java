package org.faceauth.core.user;

import java.time.Instant;

/**
 * An enrolled person as stored.
 *
 * @param id the external id
 * @param profile name, email, consent
 * @param status whether they may authenticate
 * @param templates number of stored templates
 * @param createdAt first enrollment
 * @param updatedAt last change
 */
public record User(
    UserId id, UserProfile profile, UserStatus status, int templates, Instant createdAt, Instant updatedAt) {}
