-- The associated data every template ciphertext is sealed with, for the whole database: 1 = the template id and model
-- id (before this version), 2 = the template id, the owner's user id and the model id (TemplateCipher.Binding). The
-- key is outside the database, so SQL cannot re-seal the rows: the template store does it, in one transaction under
-- this row's lock, when it first opens a database at 1, and sets 2. From then on only owner-bound rows are read.
ALTER TABLE template_key_state ADD COLUMN aad_version INTEGER NOT NULL DEFAULT 1;
