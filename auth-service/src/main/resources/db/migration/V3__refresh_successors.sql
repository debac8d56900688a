-- A spent refresh token keeps its successor, sealed with a key only the spent token itself
-- yields, so that a second refresh with the same token within a short grace period (two tabs
-- refreshing at once) gets the same successor instead of counting as reuse.
ALTER TABLE refresh_tokens ADD COLUMN successor_sealed bytea;
