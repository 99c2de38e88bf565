package org.faceauth.store.backup;

import java.util.List;

/**
 * What a FaceAuth backup file holds, read from the file itself after its checks passed.
 *
 * @param schemaVersion the latest Flyway migration applied to it
 * @param users users, enrolled or only created
 * @param templates encrypted face templates
 * @param apiKeys API keys (stored as hashes), revoked ones included
 * @param keyIds the template keys its templates are encrypted with, sorted: the key ring that restores it must hold
 *     them
 */
public record BackupContents(String schemaVersion, int users, int templates, int apiKeys, List<String> keyIds) {
  public BackupContents {
    keyIds = List.copyOf(keyIds);
  }
}
