-- The refresh throttle leaves the view: tracked_line is written by the view projector only, from events (so a
-- rebuild gives it back whole, reissue_requested_at included, now projected from ReissueRequested). The throttle
-- is no projection: it only decides which lookup sends the next RefreshRequested, and starts empty after a rebuild.
CREATE TABLE refresh_throttle (
    line_id      text PRIMARY KEY,
    requested_at timestamptz NOT NULL
);
ALTER TABLE tracked_line DROP COLUMN refresh_requested_at;
