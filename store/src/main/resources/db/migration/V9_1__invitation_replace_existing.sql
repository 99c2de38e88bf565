-- Whether an invitation may replace the face of a user who already has templates: an operator's explicit choice at
-- creation (1), else (0) an invitation for an enrolled user is refused at creation and at enrollment.
ALTER TABLE invitations ADD COLUMN replace_existing INTEGER NOT NULL DEFAULT 0;
